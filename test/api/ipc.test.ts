import { describe, expect, test, vi } from 'vitest';
import { registerIpc } from '../../electron/api/ipc';
import { createHandlerRegistry } from '../../electron/api/registry';
import { createTrustCheck } from '../../electron/shell/trust';
import { IPC_CHANNELS } from '../../shared/api/channels';
import { FakeIpcMain, OUR_PAGE } from './harness';

function setup() {
  const registry = createHandlerRegistry();
  const handler = vi.fn(() => ({ deleted: true, endedRuns: 0 }));
  registry.register('journey.delete', handler);
  const ipc = new FakeIpcMain();
  const unregister = registerIpc(ipc, registry, { isTrustedSender: (e) => e.senderFrame?.url === OUR_PAGE });
  return { ipc, handler, unregister };
}

describe('IPC wiring', () => {
  test('calls on the call channel reach the registry with the ipc transport', async () => {
    const { ipc, handler } = setup();
    const outcome = await ipc.invoke(IPC_CHANNELS.call, OUR_PAGE, 'journey.delete', { id: 'a' });
    expect(outcome).toEqual({ ok: true, result: { deleted: true, endedRuns: 0 } });
    expect(handler).toHaveBeenCalledWith({ id: 'a' }, { transport: 'ipc' });
  });

  test('a call from a frame that is not our page is forbidden and runs nothing', async () => {
    const { ipc, handler } = setup();
    const outcome = await ipc.invoke(IPC_CHANNELS.call, 'https://evil.example/', 'journey.delete', { id: 'a' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  test('the returned function removes the handler again', () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  test('only our app:// origin and the configured dev server are trusted senders', () => {
    const trusted = createTrustCheck('http://localhost:5173/');
    expect(trusted('app://dripagent/index.html')).toBe(true);
    expect(trusted('http://localhost:5173/#/journeys')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('file:///etc/passwd')).toBe(false);
    expect(trusted('app://other/index.html')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(createTrustCheck()('http://localhost:5173/')).toBe(false);
  });
});
