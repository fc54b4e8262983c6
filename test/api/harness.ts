import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpHost } from '../../electron/api/http/host';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpc } from '../../electron/api/ipc';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { createHttpTransport } from '../../renderer/src/api/http-transport';
import { IPC_CHANNELS } from '../../shared/api/channels';
import { type ApiClient, type ApiTransport, createApiClient } from '../../shared/api/client';
import { ApiCallError, type ApiResult } from '../../shared/api/errors';
import { sampleJourney, tempDataDir } from '../store/fixtures';

export const OUR_PAGE = 'app://dripagent/index.html';

/** Stands in for Electron's ipcMain: records handlers and invokes them like ipcRenderer.invoke would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Arguments and answers go through structuredClone, as Electron's IPC serialises them. */
  async invoke(channel: string, senderUrl: string, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await listener({ senderFrame: { url: senderUrl } }, ...structuredClone(args)));
  }
}

export function ipcTransport(ipc: FakeIpcMain, senderUrl = OUR_PAGE): ApiTransport {
  return {
    call: (name, args) => ipc.invoke(IPC_CHANNELS.call, senderUrl, name, args) as Promise<ApiResult<unknown>>,
  };
}

export interface Harness {
  core: AppCore;
  client: ApiClient;
  /** The raw transport, for sending payloads the typed client would not compile. */
  transport: ApiTransport;
  http?: HttpHost;
  close(): Promise<void>;
}

/** A core on a temp data folder whose only example journey is `welcome`. */
export function createTestCore(): { core: AppCore; cleanup(): Promise<void> } {
  const data = tempDataDir();
  const resources = join(data.dir, 'resources');
  mkdirSync(join(resources, 'journeys'), { recursive: true });
  writeFileSync(join(resources, 'journeys', 'welcome.json'), JSON.stringify(sampleJourney('welcome', 'Welcome')));
  const core = createAppCore({ dataDir: join(data.dir, 'data'), resourcesDir: resources, host: 'server' });
  return {
    core,
    // The core closes the mail service before the database: wait for all of it, or the folder is
    // deleted while SQLite still writes its WAL there (ENOTEMPTY under load).
    async cleanup() {
      await core.close();
      data.cleanup();
    },
  };
}

export type TransportName = 'ipc' | 'http';

/** The same engine reached through the IPC wiring (with a fake ipcMain) or real HTTP on port 0. */
export async function createHarness(kind: TransportName, rendererDir = '/nonexistent'): Promise<Harness> {
  const { core, cleanup } = createTestCore();
  if (kind === 'ipc') {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, core.registry, { isTrustedSender: (event) => event.senderFrame?.url === OUR_PAGE });
    const transport = ipcTransport(ipc);
    return { core, transport, client: createApiClient(transport), close: cleanup };
  }
  const http = await startHeadlessHost({ core, rendererDir, port: 0 });
  const transport = createHttpTransport({ baseUrl: http.url, token: core.adminToken().token });
  return {
    core,
    transport,
    client: createApiClient(transport),
    http,
    async close() {
      await http.close();
      await cleanup();
    },
  };
}

/** The structured error of a refused call. */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiCallError)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error.error;
}
