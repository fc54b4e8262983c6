import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/channels';
import { registerIpc } from '../api/ipc';
import { type AppCore, createAppCore } from '../app/core';
import { parseFlags } from '../cli/command';
import { createFileSecretStore, SECRETS_FILE_NAME } from '../mail/settings/secret-store';
import { resolveDataDir } from '../store';
import { startEventHost } from './event-host';
import { denyPermissions, hardenWebContents } from './hardening';
import { electronNativeBinding } from './native-binding';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererResponse } from './protocol';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { createTrustCheck } from './trust';

/** The Vite dev server, for `npm run dev` style work; unset in normal runs. */
const devUrl = process.env.DRIPAGENT_DEV_URL;
const isTrustedUrl = createTrustCheck(devUrl);
const dataDir = resolveDataDir(parseFlags(process.argv.slice(1)).flags.data?.at(-1));

// Before `ready`: the scheme must be privileged, and Chromium's profile lives beside our data
// instead of a second folder named after the npm package.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setPath('userData', join(dataDir, 'electron'));
hardenWebContents(app, (url) => isTrustedUrl(url));

function createMainWindow(appRoot: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'DripAgent',
    show: false,
    webPreferences: {
      preload: join(appRoot, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

function start(): void {
  const appRoot = app.getAppPath();
  let core: AppCore;
  try {
    core = createAppCore({
      dataDir,
      resourcesDir: join(appRoot, 'resources'),
      host: 'electron',
      nativeBinding: electronNativeBinding(appRoot),
      // SMTP password and DKIM key: encrypted by the OS keychain, or a 0600 file when it has none.
      secrets: (store) =>
        createSafeStorageSecretStore(safeStorage, store.meta, createFileSecretStore(join(dataDir, SECRETS_FILE_NAME))),
    });
  } catch (error) {
    dialog.showErrorBox('DripAgent cannot start', `${(error as Error).message}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return;
  }
  const rendererDir = join(appRoot, 'dist', 'renderer');
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rendererDir));
  denyPermissions(session.defaultSession);
  registerIpc(ipcMain, core.registry, { isTrustedSender: (event) => isTrustedUrl(event.senderFrame?.url) });
  core.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_CHANNELS.event, event, payload);
  });

  // Events from the product arrive over HTTP even in the desktop app (Segment-compatible /v1/*).
  const eventHost = startEventHost(core).catch((error: unknown) => {
    dialog.showErrorBox('DripAgent cannot receive events', (error as Error).message);
    return undefined;
  });

  createMainWindow(appRoot);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(appRoot);
  });
  // Closing waits for emails in flight to be recorded as sent; Electron does not await listeners.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void eventHost
      .then((host) => host?.close())
      .then(() => core.close())
      .finally(() => {
        closed = true;
        app.exit(0);
      });
  });
}

// One window per data folder: a second launch focuses the first instead of opening the DB twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}
