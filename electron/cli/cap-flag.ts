import type { EngineConfig } from '../../shared/engine/types';
import { FREQUENCY_CAP_ENV, parseFrequencyCap } from '../engine/sending-limits';

/**
 * The cap across journeys for a command that runs journeys on a virtual clock, as the live engine
 * would apply it: `--cap`, else DRIPAGENT_FREQUENCY_CAP, else the default (3 per 24 hours).
 * @example capConfig(['3/24h']) // { globalCap: { max: 3, per: '24h' } }
 * @throws Error naming the flag or variable and the bad value
 */
export function capConfig(flag: readonly string[] | undefined): Partial<EngineConfig> {
  const text = flag?.[0] ?? process.env[FREQUENCY_CAP_ENV];
  if (!text) return {};
  return { globalCap: parseFrequencyCap(text, flag?.[0] ? '--cap' : FREQUENCY_CAP_ENV) };
}
