import { useId, useMemo, useState } from 'react';
import { formatMoment } from '../model/clock';
import {
  DEFAULT_START,
  extraTraits,
  fromLocalInput,
  PROFILE_FIELDS,
  profileSummary,
  renameTrait,
  toLocalInput,
  traitText,
  withTrait,
} from '../model/scenarios';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useTraitSuggestions } from '../store/suggestions';
import { Field, Suggestions, TextField } from '../ui/fields';

const EMPTY: Record<string, unknown> = {};
const DEFAULT_START_WORDS = formatMoment(Date.parse(DEFAULT_START), 'UTC').replace(/ UTC$/, '');
const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
  }
})();

/** The user's traits at the start: the usual ones as fields, any others as name/value rows. */
export function ProfileForm() {
  const store = useAppStoreApi();
  const profile = useAppStore((state) => state.simulation?.scenario.profile ?? EMPTY);
  const scenarioId = useAppStore((state) => state.simulation?.scenario.id ?? '');
  const userId = useAppStore((state) => state.simulation?.scenario.userId);
  const users = useAppStore((state) => state.catalog.users);
  const traits = useTraitSuggestions();
  const samples = useMemo(() => new Map(traits.map((t) => [t.key, t.samples.map(String)] as const)), [traits]);
  const suggest = (key: string, defaults: string[]) => [...new Set([...(samples.get(key) ?? []), ...defaults])];
  const set = (key: string, value: string) =>
    store
      .getState()
      .editScenario({ profile: withTrait(store.getState().simulation?.scenario.profile ?? {}, key, value) });
  const startsId = useId();
  const copyId = useId();

  return (
    <details className="sim-profile" data-testid="sim-profile">
      <summary className="sim-profile__summary">
        <span className="sim-profile__label">Profile</span>
        <span className="sim-profile__words">{profileSummary(profile) || 'no traits'}</span>
      </summary>
      <div className="sim-profile__grid">
        <TextField
          label="Role"
          value={traitText(profile.role)}
          onChange={(value) => set('role', value)}
          suggestions={suggest('role', ['founder', 'engineer', 'marketer', 'other'])}
          testId="profile-role"
        />
        <TextField
          label="Plan"
          value={traitText(profile.plan)}
          onChange={(value) => set('plan', value)}
          suggestions={suggest('plan', ['free', 'trial', 'pro', 'team', 'enterprise'])}
          testId="profile-plan"
        />
        <TextField
          label="Workspace name"
          value={traitText(profile.workspace_name)}
          onChange={(value) => set('workspace_name', value)}
          testId="profile-workspace"
        />
        <TextField
          label="Time zone"
          value={traitText(profile.timezone)}
          onChange={(value) => set('timezone', value)}
          suggestions={TIME_ZONES}
          placeholder="UTC"
          testId="profile-timezone"
        />
        <TextField
          label="Email"
          value={traitText(profile.email)}
          onChange={(value) => set('email', value)}
          placeholder={`${userId ?? `scenario-${scenarioId}`}@example.com`}
          testId="profile-email"
        />
        <Field label="Signed up (UTC)" id={startsId} hint={`The timeline’s +0. Empty: ${DEFAULT_START_WORDS}.`}>
          <input
            id={startsId}
            type="datetime-local"
            className="input"
            data-testid="profile-created-at"
            value={toLocalInput(profile.createdAt)}
            onChange={(event) => set('createdAt', fromLocalInput(event.target.value))}
          />
        </Field>
      </div>
      <ExtraTraits profile={profile} keys={traits.map((t) => t.key)} />
      {users.length > 0 && (
        <div className="field sim-profile__copy">
          <label className="field__label" htmlFor={copyId}>
            Start from a real user’s profile
          </label>
          <select
            id={copyId}
            className="input input--select"
            value=""
            onChange={(event) => {
              const user = users.find((u) => u.userId === event.target.value);
              if (user) store.getState().editScenario({ profile: { ...user.traits } });
            }}
          >
            <option value="">Choose a user…</option>
            {users.map((user) => (
              <option key={user.userId} value={user.userId}>
                {user.userId}
              </option>
            ))}
          </select>
        </div>
      )}
    </details>
  );
}

function ExtraTraits({ profile, keys }: { profile: Record<string, unknown>; keys: readonly string[] }) {
  const store = useAppStoreApi();
  const listId = useId();
  const extras = extraTraits(profile);
  const fields = new Set<string>(PROFILE_FIELDS);
  const editProfile = (change: (profile: Record<string, unknown>) => Record<string, unknown>) =>
    store.getState().editScenario({ profile: change(store.getState().simulation?.scenario.profile ?? {}) });
  const addTrait = () => {
    let n = 1;
    while (Object.hasOwn(profile, `trait_${n}`)) n++;
    editProfile((p) => ({ ...p, [`trait_${n}`]: '' }));
  };
  return (
    <div className="sim-traits">
      <div className="sim-traits__header">
        <span className="field__label">Other traits</span>
        <button type="button" className="link-button" data-testid="add-trait" onClick={addTrait}>
          + Add a trait
        </button>
      </div>
      {extras.length === 0 && <p className="field__hint">None. Conditions and emails can use any trait.</p>}
      <Suggestions id={listId} values={keys.filter((key) => !fields.has(key))} />
      {extras.map(([key, value]) => (
        <TraitRow
          // A name being typed stays in the row until the field is left, so the key holds still.
          key={key}
          name={key}
          value={traitText(value)}
          listId={listId}
          onRename={(to) => editProfile((p) => renameTrait(p, key, to))}
          onValue={(text) => editProfile((p) => ({ ...p, [key]: text }))}
          onRemove={() => editProfile((p) => withTrait(p, key, ''))}
        />
      ))}
    </div>
  );
}

function TraitRow({
  name,
  value,
  listId,
  onRename,
  onValue,
  onRemove,
}: {
  name: string;
  value: string;
  listId: string;
  onRename: (name: string) => void;
  onValue: (value: string) => void;
  onRemove: () => void;
}) {
  // The name is committed when the field is left: a half-typed name never collides with another.
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <div className="sim-trait" data-testid={`trait-${name}`}>
      <input
        className="input sim-trait__name"
        aria-label="Trait name"
        list={listId}
        value={typed ?? name}
        onChange={(event) => setTyped(event.target.value)}
        onBlur={() => {
          if (typed !== null && typed.trim() !== '') onRename(typed.trim());
          setTyped(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
      <input
        className="input sim-trait__value"
        aria-label={`Value of ${name}`}
        value={value}
        onChange={(event) => onValue(event.target.value)}
      />
      <button type="button" className="icon-button" aria-label={`Remove ${name}`} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
