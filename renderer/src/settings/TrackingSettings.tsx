import type { Settings } from '../../../shared/journey/schema';
import { Section } from '../ui/fields';

type Tracking = NonNullable<Settings['tracking']>;
const DEFAULT: Tracking = { clicks: true, opens: false };

/** Click tracking (on by default) and the open pixel (off by default) of a journey's emails. */
export function TrackingSettings({
  tracking,
  onChange,
}: {
  tracking: Settings['tracking'];
  /** undefined when both are back to the defaults: the journey file then says nothing about tracking. */
  onChange: (next: Tracking | undefined) => void;
}) {
  const current = tracking ?? DEFAULT;
  const set = (patch: Partial<Tracking>) => {
    const next = { ...current, ...patch };
    onChange(next.clicks === DEFAULT.clicks && next.opens === DEFAULT.opens ? undefined : next);
  };
  return (
    <Section title="Tracking">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.clicks}
          data-testid="tracking-clicks"
          onChange={(event) => set({ clicks: event.target.checked })}
        />
        Count clicks: links go through this host, which records the click and forwards at once
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.opens}
          data-testid="tracking-opens"
          onChange={(event) => set({ opens: event.target.checked })}
        />
        Count opens with a tiny image
      </label>
      <p className="field__hint">
        Opens are a rough signal: mail apps load images for privacy or block them, so they are counted apart and read as
        a direction, not a fact. Link scanners that click on arrival are counted apart too.
      </p>
      <p className="field__hint">
        Links and the image point at this host, so they are added only when the host has an address your recipients can
        reach (DRIPAGENT_PUBLIC_URL, see the README), or while mail goes to the dev inbox. Otherwise emails go out with
        their links as written.
      </p>
    </Section>
  );
}
