import { describe, expect, test } from 'vitest';
import { engineId, MIN_POOL_SIZE, poolSize } from '../../electron/store/pg/database-url';

describe('DRIPAGENT_DB_POOL_SIZE', () => {
  test('10 connections unless set; a size engines cannot work with is refused, naming the variable', () => {
    expect(poolSize({})).toBe(10);
    expect(poolSize({ DRIPAGENT_DB_POOL_SIZE: ' 25 ' })).toBe(25);
    expect(poolSize({ DRIPAGENT_DB_POOL_SIZE: String(MIN_POOL_SIZE) })).toBe(MIN_POOL_SIZE);
    for (const given of ['1', '3', '0', '2.5', 'ten', '1001']) {
      expect(() => poolSize({ DRIPAGENT_DB_POOL_SIZE: given })).toThrow(
        `DRIPAGENT_DB_POOL_SIZE must be a whole number from 4 to 1000 (got "${given}")`,
      );
    }
  });

  test('an engine is named by DRIPAGENT_ENGINE_ID, or host:pid:random', () => {
    expect(engineId({ DRIPAGENT_ENGINE_ID: 'engine-a' })).toBe('engine-a');
    expect(engineId({})).toMatch(new RegExp(`:${process.pid}:`));
  });
});
