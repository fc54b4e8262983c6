import { describe, expect, test, vi } from 'vitest';
import { createHandlerRegistry } from '../../electron/api/registry';
import { ApiHandlerError } from '../../shared/api/errors';
import { API_NAMES } from '../../shared/api/spec';
import { createTestCore } from './harness';

const info = {
  name: 'DripAgent' as const,
  version: '1.0.0',
  host: 'server' as const,
  dataDir: '/tmp',
  startedAt: '2026-01-01T00:00:00.000Z',
  devInbox: true,
};
const quiet = { onUnexpectedError: () => {} };

describe('handler registry', () => {
  test('registering the same name twice throws', () => {
    const registry = createHandlerRegistry();
    registry.register('app.info', () => info);
    expect(() => registry.register('app.info', () => info)).toThrow(/"app.info" is already registered/);
  });

  test('dispatch validates the arguments before the handler runs', async () => {
    const registry = createHandlerRegistry();
    const handler = vi.fn(() => ({ deleted: true, endedRuns: 0 }));
    registry.register('journey.delete', handler);
    const outcome = await registry.dispatch('journey.delete', { id: '' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_payload', issues: [{ path: 'id' }] } });
    expect(handler).not.toHaveBeenCalled();
  });

  test('a handler receives the parsed arguments with defaults filled in', async () => {
    const registry = createHandlerRegistry();
    const handler = vi.fn(() => ({ imported: false as const, problems: [] }));
    registry.register('journey.import', handler);
    await registry.dispatch('journey.import', { text: '{}' });
    expect(handler).toHaveBeenCalledWith({ text: '{}', replace: false }, { transport: 'direct' });
  });

  test('a name without a handler, declared or not, is an unknown_handler error', async () => {
    const registry = createHandlerRegistry();
    expect(await registry.dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
    expect(await registry.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
  });

  test('a refusal thrown as ApiHandlerError keeps its code', async () => {
    const registry = createHandlerRegistry();
    registry.register('journey.versions', () => {
      throw new ApiHandlerError('conflict', 'busy');
    });
    expect(await registry.dispatch('journey.versions', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'busy' },
    });
  });

  test('an unexpected exception becomes handler_error and is reported, never thrown', async () => {
    const onUnexpectedError = vi.fn();
    const registry = createHandlerRegistry({ onUnexpectedError });
    registry.register('journey.list', () => {
      throw new Error('disk on fire');
    });
    const outcome = await registry.dispatch('journey.list', undefined);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'handler_error', message: 'journey.list failed: disk on fire' },
    });
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });

  test('a handler answering outside its declared response is a handler_error', async () => {
    const registry = createHandlerRegistry(quiet);
    registry.register('app.info', () => ({ ...info, version: 7 }) as never);
    const outcome = await registry.dispatch('app.info', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'handler_error', issues: [{ path: 'version' }] } });
  });

  test('the app core registers a handler for every declared name', async () => {
    const { core, cleanup } = createTestCore();
    try {
      expect(core.registry.missing()).toEqual([]);
      expect(createHandlerRegistry().missing()).toEqual(API_NAMES);
    } finally {
      await cleanup();
    }
  });
});
