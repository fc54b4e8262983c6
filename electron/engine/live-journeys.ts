import { type CompiledJourney, compileJourney } from '../../shared/engine/compile';
import type { InterpreterContext } from '../../shared/engine/interpreter';
import type { EngineConfig } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import type { JourneysRepo } from '../store/journeys-repo';

/**
 * The published journeys the engine runs: for each live or paused journey its newest version
 * (paused ones take no new entries), plus any older version a run in flight still uses.
 */
export interface LiveJourneys {
  context(config: EngineConfig): InterpreterContext;
  /** Event names some live journey reacts to (triggers, waits, exit rules). */
  reactsTo(eventName: string): boolean;
  reload(): void;
  /**
   * Reloads when the journeys' statuses or versions changed since the last load, possibly in
   * another process on the same data folder; returns whether it did.
   */
  reloadIfChanged(): boolean;
  current(): readonly CompiledJourney[];
}

/** What the live journeys read: SQLite's repository, or a snapshot read from PostgreSQL. */
export interface LiveJourneySource {
  journeys: Pick<JourneysRepo, 'list' | 'getVersion' | 'liveSignature'>;
}

export function createLiveJourneys(store: LiveJourneySource): LiveJourneys {
  const versions = new Map<string, CompiledJourney | null>();
  let current: CompiledJourney[] = [];
  let names = new Set<string>();
  let paused = new Set<string>();
  let signature = '';

  const load = (id: string, version: number, accepting: boolean): CompiledJourney | undefined => {
    const key = `${id}@${version}:${accepting}`;
    const cached = versions.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const row = store.journeys.getVersion(id, version);
    const compiled = row ? compileJourney(Journey.parse(JSON.parse(row.json)), version, accepting) : undefined;
    versions.set(key, compiled ?? null);
    return compiled;
  };

  const reload = () => {
    signature = store.journeys.liveSignature();
    current = [];
    paused = new Set();
    for (const summary of store.journeys.list()) {
      if (summary.status === 'paused') paused.add(summary.id);
      if (summary.latestVersion === null || summary.status === 'draft') continue;
      const compiled = load(summary.id, summary.latestVersion, summary.status === 'live');
      if (compiled) current.push(compiled);
    }
    names = new Set(current.flatMap((c) => [...c.events]));
  };
  reload();

  return {
    context: (config) => ({
      journeys: current,
      versionOf: (id, version) =>
        current.find((c) => c.journey.id === id && c.version === version) ?? load(id, version, false),
      config,
      paused,
    }),
    reactsTo: (name) => names.has(name),
    reload,
    reloadIfChanged: () => {
      if (store.journeys.liveSignature() === signature) return false;
      reload();
      return true;
    },
    current: () => current,
  };
}
