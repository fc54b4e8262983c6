import { GlobalCap } from '../../shared/api/engine';
import { DEFAULT_ENGINE_CONFIG } from '../../shared/engine/types';
import type { MetaRepo } from '../store/meta-repo';

/** `3/24h` (at most 3 emails per 24 hours across all journeys) or `off`. Wins over Settings. */
export const FREQUENCY_CAP_ENV = 'DRIPAGENT_FREQUENCY_CAP';
const META_KEY = 'engine.global_cap';

export interface SendingLimitsView {
  globalCap: GlobalCap;
  fromEnv: boolean;
}

/**
 * Parses the cap as written in DRIPAGENT_FREQUENCY_CAP (or `source`, e.g. a command-line flag).
 * @example parseFrequencyCap('3/24h') // { max: 3, per: '24h' }
 * @throws Error naming the variable and the bad value
 */
export function parseFrequencyCap(text: string, source = FREQUENCY_CAP_ENV): GlobalCap {
  const value = text.trim();
  if (value === 'off') return null;
  const match = /^(\d+)\s*\/\s*(\S+)$/.exec(value);
  // The same rules as a cap saved in Settings (at most 1000, a period longer than zero).
  const parsed = GlobalCap.safeParse(match ? { max: Number(match[1]), per: match[2] } : undefined);
  if (!match || !parsed.success || parsed.data === null) {
    throw new Error(`${source}="${text}" is not a cap: write e.g. 3/24h (3 emails per 24 hours) or off`);
  }
  return parsed.data;
}

/**
 * The frequency cap across journeys: DRIPAGENT_FREQUENCY_CAP, else what was saved in Settings,
 * else the default (3 per 24 h). Journeys can add their own, stricter caps.
 */
export function createSendingLimits(meta: MetaRepo, env: Record<string, string | undefined> = process.env) {
  const fromEnv = env[FREQUENCY_CAP_ENV]?.trim() ? parseFrequencyCap(env[FREQUENCY_CAP_ENV] as string) : undefined;
  const saved = (): GlobalCap => {
    const text = meta.get(META_KEY);
    return text === undefined ? DEFAULT_ENGINE_CONFIG.globalCap : (JSON.parse(text) as GlobalCap);
  };
  return {
    get: (): SendingLimitsView =>
      fromEnv !== undefined ? { globalCap: fromEnv, fromEnv: true } : { globalCap: saved(), fromEnv: false },
    /** @throws when the cap is set by the environment */
    save: (globalCap: GlobalCap): SendingLimitsView => {
      if (fromEnv !== undefined) throw new Error(`The cap is set by ${FREQUENCY_CAP_ENV}: change it there`);
      meta.set(META_KEY, JSON.stringify(globalCap));
      return { globalCap, fromEnv: false };
    },
  };
}

export type SendingLimits = ReturnType<typeof createSendingLimits>;
