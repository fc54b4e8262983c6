import { idFromName } from '../../../shared/journey/ids';
import type { Journey, Scenario } from '../../../shared/journey/schema';
import { DEFAULT_SCENARIO_START } from './scenario-timeline';

/** The traits the profile form shows as fields; any others are listed as extra traits. */
export const PROFILE_FIELDS = ['role', 'workspace_name', 'plan', 'email', 'timezone', 'createdAt'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A founder at Acme on the pro plan: the user most journeys are written for. */
export const DEFAULT_PROFILE: Readonly<Record<string, string>> = {
  role: 'founder',
  workspace_name: 'Acme',
  plan: 'pro',
  timezone: 'UTC',
};

/** The start of a scenario whose profile has no createdAt: a Monday morning. */
export const DEFAULT_START = DEFAULT_SCENARIO_START;

/**
 * A readable id for a scenario named `name`, free among `scenarios` (except `keep`, its own).
 * @example scenarioId('Stalls before the API key', []) // 'stalls-before-the-api-key'
 */
export function scenarioId(name: string, scenarios: readonly Pick<Scenario, 'id'>[], keep?: string): string {
  return idFromName(name, 'scenario', new Set(scenarios.map((s) => s.id).filter((id) => id !== keep)));
}

/**
 * A fresh scenario: the default profile, and the journey's trigger event a few minutes in.
 * @example newScenario(journey).timeline // '+5m integration_started'
 */
export function newScenario(journey: Pick<Journey, 'nodes' | 'scenarios'>, name = 'New scenario'): Scenario {
  const trigger = journey.nodes.find((node) => node.type === 'trigger');
  return {
    id: scenarioId(name, journey.scenarios),
    name,
    profile: { ...DEFAULT_PROFILE },
    timeline: trigger?.type === 'trigger' && trigger.config.event ? `+5m ${trigger.config.event}` : '',
  };
}

/** The scenarios with `scenario` in place of the one with its id, or added at the end. */
export function upsertScenario(scenarios: readonly Scenario[], scenario: Scenario): Scenario[] {
  const index = scenarios.findIndex((s) => s.id === scenario.id);
  if (index < 0) return [...scenarios, scenario];
  return scenarios.map((s, i) => (i === index ? scenario : s));
}

export function removeScenario(scenarios: readonly Scenario[], id: string): Scenario[] {
  return scenarios.filter((s) => s.id !== id);
}

/** Same name, user, profile, timeline and expectations: the draft has nothing unsaved. */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.userId === b.userId &&
    a.timeline === b.timeline &&
    JSON.stringify(a.expect) === JSON.stringify(b.expect) &&
    JSON.stringify(sortedEntries(a.profile)) === JSON.stringify(sortedEntries(b.profile))
  );
}

function sortedEntries(profile: Record<string, unknown>): [string, unknown][] {
  return Object.entries(profile).sort(([a], [b]) => a.localeCompare(b));
}

/** Sets (or, for an empty value, removes) one trait, keeping the others in their order. */
export function withTrait(profile: Record<string, unknown>, key: string, value: string): Record<string, unknown> {
  if (value === '') {
    const { [key]: _removed, ...rest } = profile;
    return rest;
  }
  return { ...profile, [key]: value };
}

/** Renames a trait in place (keeping its position), for the extra-traits rows. */
export function renameTrait(profile: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (from === to || to === '' || Object.hasOwn(profile, to)) return profile;
  return Object.fromEntries(Object.entries(profile).map(([key, value]) => [key === from ? to : key, value]));
}

/** The traits that are not one of the form's fields, in their order. */
export function extraTraits(profile: Record<string, unknown>): [string, unknown][] {
  const fields = new Set<string>(PROFILE_FIELDS);
  return Object.entries(profile).filter(([key]) => !fields.has(key));
}

/** A trait's value as the form shows it. */
export function traitText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A profile in a few words, for the collapsed profile section.
 * @example profileSummary({ role: 'founder', workspace_name: 'Acme', plan: 'pro' }) // 'founder · Acme · pro'
 */
export function profileSummary(profile: Record<string, unknown>): string {
  return ['role', 'workspace_name', 'plan', 'timezone']
    .map((key) => traitText(profile[key]))
    .filter((text) => text !== '')
    .join(' · ');
}

/**
 * An ISO time as a `datetime-local` value read as UTC ("2026-01-05T09:00"), and back.
 * @example toLocalInput('2026-01-05T09:00:00.000Z') // '2026-01-05T09:00'
 */
export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '' : new Date(at).toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string {
  if (value === '') return '';
  const at = Date.parse(`${value}:00Z`);
  return Number.isNaN(at) ? '' : new Date(at).toISOString();
}
