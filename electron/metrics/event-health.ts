import { Journey } from '../../shared/journey/schema';
import type { EventHealth, EventNameHealth } from '../../shared/metrics/event-health-types';
import { isQuotableName } from '../../shared/metrics/trait-name';
import { usedProperties } from '../../shared/metrics/used-properties';
import type { JourneyStore } from '../journeys/journey-store';
import type { EventHealthRows } from '../store/reports/event-health-rows';

const DAY = 86_400_000;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Every journey as it is now (its draft, when it reads) and as it last ran (its newest version). */
async function journeysNow(journeys: JourneyStore): Promise<Journey[]> {
  const list: Journey[] = [];
  for (const summary of await journeys.list()) {
    const draft = (await journeys.get(summary.id))?.draft;
    const version = summary.latestVersion
      ? (await journeys.getVersion(summary.id, summary.latestVersion))?.json
      : undefined;
    for (const text of [draft, version]) {
      if (!text) continue;
      try {
        const parsed = Journey.safeParse(JSON.parse(text));
        if (parsed.success) list.push(parsed.data);
      } catch {
        // A draft being written may not be valid JSON yet; the published version still counts.
      }
    }
  }
  return list;
}

/**
 * Event health over whole UTC days: the days that [from, to) touches.
 * @example (await eventHealth(store.reports.eventHealth, store.journeys, { from, to })).events[0].duplicates
 */
export async function eventHealth(
  rows: EventHealthRows,
  journeys: JourneyStore,
  period: { from: number; to: number },
): Promise<EventHealth> {
  const fromDay = Math.floor(period.from / DAY);
  const toDay = Math.max(fromDay + 1, Math.ceil(period.to / DAY));
  const from = fromDay * DAY;
  const to = toDay * DAY;
  const used = usedProperties(await journeysNow(journeys));
  const users = new Map((await rows.usersByName(from, to)).map((r) => [r.name, r.users]));
  const byName = new Map<string, EventNameHealth & { present: Map<string, number> }>();
  for (const row of await rows.days(fromDay, toDay)) {
    let entry = byName.get(row.name);
    if (!entry) {
      entry = {
        name: row.name,
        total: 0,
        users: users.get(row.name) ?? 0,
        per_user: null,
        duplicates: 0,
        late: 0,
        per_day: new Array(toDay - fromDay).fill(0),
        missing: [],
        present: new Map(),
      };
      byName.set(row.name, entry);
    }
    entry.total += row.events;
    entry.duplicates += row.duplicates;
    entry.late += row.late;
    entry.per_day[row.day - fromDay] = row.events;
    for (const [property, n] of Object.entries(JSON.parse(row.properties) as Record<string, number>)) {
      entry.present.set(property, (entry.present.get(property) ?? 0) + n);
    }
  }
  const events = [...byName.values()].map(({ present, ...entry }) => ({
    ...entry,
    per_user: share(entry.total, entry.users),
    missing: [...(used.events.get(entry.name) ?? [])].sort().map((property) => {
      const lacking = Math.max(0, entry.total - (present.get(property) ?? 0));
      return { property, events: lacking, share: share(lacking, entry.total) };
    }),
  }));
  events.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
  const traitNames = [...used.traits].filter(isQuotableName).sort();
  const gaps = await rows.traitGaps(from, to, traitNames);
  const trackingGap = await rows.connectedWithoutStart(from, to);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: Array.from({ length: toDay - fromDay }, (_, i) => new Date((fromDay + i) * DAY).toISOString().slice(0, 10)),
    events,
    traits: traitNames.map((trait, i) => {
      const missing = gaps.missing[i] ?? 0;
      return { trait, users: gaps.users, missing, share: share(missing, gaps.users) };
    }),
    tracking_gap: { connected: trackingGap.connected, without_start: trackingGap.withoutStart },
  };
}
