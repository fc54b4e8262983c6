import { describe, expect, it } from 'vitest';
import { freeId, idFromName, slugify } from '../../../shared/journey/ids';

describe('freeId', () => {
  it('keeps the base when it is free', () => {
    expect(freeId('confirm', new Set(['x']))).toBe('confirm');
  });

  it('numbers from 2 when the base is taken', () => {
    expect(freeId('happy-path', new Set(['happy-path', 'happy-path-2']))).toBe('happy-path-3');
  });

  it('numbers node ids after their type from 1, with an underscore', () => {
    expect(freeId('wait', new Set(['wait_1', 'wait_2']), { separator: '_', alwaysNumber: true })).toBe('wait_3');
  });

  it('asks a function what is taken', () => {
    const stored = new Set(['trial', 'trial-2']);
    expect(freeId('trial', (id) => stored.has(id))).toBe('trial-3');
  });
});

describe('slugify and idFromName', () => {
  it('turns a name into lower-case words joined by hyphens', () => {
    expect(slugify('  Stalls before the API key!  ', 'scenario')).toBe('stalls-before-the-api-key');
    expect(slugify('Café déjà vu', 'scenario')).toBe('cafe-deja-vu');
  });

  it('falls back when nothing of the name is left', () => {
    expect(slugify('  !!  ', 'journey')).toBe('journey');
  });

  it('caps the id at 48 characters', () => {
    expect(slugify('a'.repeat(60), 'journey')).toHaveLength(48);
  });

  it('numbers a name that is taken', () => {
    expect(idFromName('Trial ending', 'journey', new Set(['trial-ending']))).toBe('trial-ending-2');
  });
});
