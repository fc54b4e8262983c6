import './settings.css';
import { useMemo } from 'react';
import type { ExitRule, Journey, Settings } from '../../../shared/journey/schema';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectDraft } from '../store/selectors';
import { DurationField, DurationInput } from '../ui/DurationField';
import { EventField } from '../ui/EventField';
import { FiltersField } from '../ui/FiltersField';
import { AddButton, IconButton, InlineInput, Section, TextField } from '../ui/fields';
import { GoalSettings } from './GoalSettings';
import { TrackingSettings } from './TrackingSettings';
import { VariablesEditor } from './VariablesEditor';

type JourneyChanges = Partial<Pick<Journey, 'name' | 'description' | 'settings' | 'exitRules' | 'variables'>>;

/** Everything about a journey that is not a step: when users leave, how often they may enter, timing guards, variables. */
export function JourneySettings() {
  const journey = useAppStore(selectDraft);
  const store = useAppStoreApi();
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return ['UTC'];
    }
  }, []);
  if (!journey) return null;
  const change = (changes: JourneyChanges, field: string) =>
    store.getState().edit({ type: 'update_journey', changes }, { key: `journey:${field}` });
  const settings = journey.settings;
  const setSettings = (next: Partial<Settings>, field: string, drop: (keyof Settings)[] = []) => {
    const merged: Record<string, unknown> = { ...settings, ...next };
    for (const key of drop) delete merged[key];
    change({ settings: merged as Settings }, `settings:${field}`);
  };
  const setRules = (exitRules: ExitRule[], field: string) => change({ exitRules }, `exit:${field}`);

  return (
    <div className="journey-settings" data-testid="journey-settings">
      <Section title="About">
        <TextField
          label="Name"
          value={journey.name}
          testId="settings-name"
          onChange={(name) => change({ name }, 'name')}
        />
        <TextField
          label="Description"
          multiline
          rows={3}
          value={journey.description}
          testId="settings-description"
          onChange={(description) => change({ description }, 'description')}
        />
      </Section>

      <Section title="Leave the journey when">
        <p className="field__hint">
          As soon as one of these events happens, the user stops getting this journey’s emails.
        </p>
        {journey.exitRules.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are edited in place.
          <div key={index} className="exit-rule" data-testid={`exit-rule-${index}`}>
            <div className="exit-rule__header">
              <EventField
                label={`Event ${index + 1}`}
                value={rule.event}
                testId={`exit-rule-${index}-event`}
                onChange={(event) =>
                  setRules(
                    journey.exitRules.map((r, i) => (i === index ? { ...r, event } : r)),
                    `event-${index}`,
                  )
                }
              />
              <IconButton
                label="Remove this exit rule"
                onClick={() =>
                  setRules(
                    journey.exitRules.filter((_, i) => i !== index),
                    'remove',
                  )
                }
              />
            </div>
            <FiltersField
              filters={rule.filters}
              event={rule.event}
              testId={`exit-rule-${index}-filters`}
              onChange={(filters) =>
                setRules(
                  journey.exitRules.map((r, i) => (i === index ? { ...r, filters } : r)),
                  `filters-${index}`,
                )
              }
            />
          </div>
        ))}
        <AddButton
          label="Add an exit event"
          testId="exit-rule-add"
          onClick={() => setRules([...journey.exitRules, { event: '', filters: [] }], 'add')}
        />
      </Section>

      <Section title="Entering again">
        <div className="radio-list" role="radiogroup" aria-label="Entering again">
          {(
            [
              ['once', 'Only once, ever'],
              ['cooldown', 'Again, after a pause'],
              ['always', 'Every time the trigger happens'],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name="reentry"
                checked={settings.reentry.mode === mode}
                data-testid={`reentry-${mode}`}
                onChange={() =>
                  setSettings({ reentry: mode === 'cooldown' ? { mode, cooldown: '7d' } : { mode } }, 'reentry')
                }
              />
              {label}
              {mode === 'cooldown' && settings.reentry.mode === 'cooldown' && (
                <DurationInput
                  label="Pause"
                  value={settings.reentry.cooldown}
                  testId="reentry-cooldown"
                  onChange={(cooldown) => setSettings({ reentry: { mode: 'cooldown', cooldown } }, 'cooldown')}
                />
              )}
            </label>
          ))}
        </div>
      </Section>

      <Section title="Guards">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={!!settings.frequencyCap}
            data-testid="cap-enabled"
            onChange={(event) =>
              event.target.checked
                ? setSettings({ frequencyCap: { max: 3, per: '24h' } }, 'cap')
                : setSettings({}, 'cap', ['frequencyCap'])
            }
          />
          Limit how many emails a user gets from this journey
        </label>
        {settings.frequencyCap && (
          <p className="sentence-row">
            <span className="sentence-word">At most</span>
            <InlineInput
              label="Emails"
              type="number"
              min={1}
              value={String(settings.frequencyCap.max)}
              width="4em"
              testId="cap-max"
              onChange={(text) =>
                setSettings(
                  {
                    frequencyCap: {
                      max: Math.max(1, Math.floor(Number(text) || 1)),
                      per: settings.frequencyCap?.per ?? '24h',
                    },
                  },
                  'cap-max',
                )
              }
            />
            <span className="sentence-word">emails per</span>
            <DurationInput
              label="Period"
              value={settings.frequencyCap.per}
              testId="cap-per"
              onChange={(per) =>
                setSettings({ frequencyCap: { max: settings.frequencyCap?.max ?? 3, per } }, 'cap-per')
              }
            />
          </p>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={!!settings.quietHours}
            data-testid="quiet-enabled"
            onChange={(event) =>
              event.target.checked
                ? setSettings({ quietHours: { start: '21:00', end: '08:00' } }, 'quiet')
                : setSettings({}, 'quiet', ['quietHours'])
            }
          />
          Quiet hours: hold emails at night, in the user’s time zone
        </label>
        {settings.quietHours && (
          <p className="sentence-row">
            <span className="sentence-word">No email from</span>
            <InlineInput
              label="Quiet from"
              type="time"
              value={settings.quietHours.start}
              testId="quiet-start"
              onChange={(start) =>
                setSettings({ quietHours: { start, end: settings.quietHours?.end ?? '08:00' } }, 'quiet-start')
              }
            />
            <span className="sentence-word">to</span>
            <InlineInput
              label="Quiet until"
              type="time"
              value={settings.quietHours.end}
              testId="quiet-end"
              onChange={(end) =>
                setSettings({ quietHours: { start: settings.quietHours?.start ?? '21:00', end } }, 'quiet-end')
              }
            />
          </p>
        )}
        <TextField
          label="Time zone for users without one"
          value={settings.timezone}
          suggestions={zones}
          testId="settings-timezone"
          onChange={(timezone) => setSettings({ timezone }, 'timezone')}
        />
        <DurationField
          label="Skip an email or webhook that would go out later than"
          value={settings.maxLateness}
          presets={false}
          testId="settings-lateness"
          onChange={(maxLateness) => setSettings({ maxLateness }, 'lateness')}
        />
        <p className="field__hint">After a pause or an outage, a reminder this late no longer helps.</p>
        <TextField
          label="Sender"
          value={settings.from ?? ''}
          placeholder="Name <address@example.com>"
          testId="settings-from"
          onChange={(from) => (from ? setSettings({ from }, 'from') : setSettings({}, 'from', ['from']))}
        />
      </Section>

      <Section title="Goal and holdout">
        <GoalSettings settings={settings} onChange={setSettings} />
      </Section>
      <TrackingSettings
        tracking={settings.tracking}
        onChange={(tracking) =>
          tracking ? setSettings({ tracking }, 'tracking') : setSettings({}, 'tracking', ['tracking'])
        }
      />

      <Section title="Variables">
        <VariablesEditor journey={journey} onChange={(variables, field) => change({ variables }, `vars:${field}`)} />
      </Section>
    </div>
  );
}
