import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appApi } from '../../shared/api/app';
import { defineHandlers, mergeHandlerDomains } from '../../shared/api/define';
import { journeyApi } from '../../shared/api/journey';
import { mailApi } from '../../shared/api/mail';
import { API_NAMES, apiSpec } from '../../shared/api/spec';

const ping = defineHandlers({ 'tool.ping': { request: z.object({}), response: z.literal('pong') } });
const alsoPing = defineHandlers({ 'tool.ping': { request: z.object({}), response: z.string() } });

describe('mergeHandlerDomains', () => {
  it('keeps every name of every domain, each with its own schemas', () => {
    const merged = mergeHandlerDomains({ app: appApi, tool: ping });
    expect(Object.keys(merged)).toEqual(['app.info', 'tool.ping']);
    expect(merged['tool.ping']).toBe(ping['tool.ping']);
    const typed: (typeof ping)['tool.ping'] = merged['tool.ping'];
    expect(typed.response.parse('pong')).toBe('pong');
  });

  it('refuses a name declared by two domains, at compile time and at load', () => {
    // @ts-expect-error: 'tool.ping' is declared by both domains (the argument asks for repeatedApiNames).
    expect(() => mergeHandlerDomains({ first: ping, second: alsoPing })).toThrow(
      'API name "tool.ping" is declared by both the first and second domains',
    );
  });

  it('builds the app table from every domain without losing a name', () => {
    for (const domain of [appApi, journeyApi, mailApi]) {
      for (const name of Object.keys(domain)) expect(API_NAMES).toContain(name);
    }
    // Each name keeps its domain's precise schema types through the merge.
    const journeyGet: (typeof journeyApi)['journey.get'] = apiSpec['journey.get'];
    expect(journeyGet).toBe(journeyApi['journey.get']);
  });
});
