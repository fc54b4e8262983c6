import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/api/http/csp';
import { APP_ORIGIN, rendererResponse } from '../../electron/shell/protocol';
import { tempDataDir } from '../store/fixtures';

let site: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  site = tempDataDir();
  mkdirSync(join(site.dir, 'assets'));
  writeFileSync(join(site.dir, 'index.html'), '<!doctype html><title>DripAgent</title>');
  writeFileSync(join(site.dir, 'assets', 'app.js'), 'export {}');
});
afterEach(() => site.cleanup());

describe('the app:// protocol of the desktop app', () => {
  test('serves the renderer with the CSP header and content types', async () => {
    const page = await rendererResponse(`${APP_ORIGIN}/index.html`, site.dir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const script = await rendererResponse(`${APP_ORIGIN}/assets/app.js`, site.dir);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {}');
  });

  test('answers 404 for other hosts and missing assets', async () => {
    expect((await rendererResponse('app://elsewhere/index.html', site.dir)).status).toBe(404);
    expect((await rendererResponse(`${APP_ORIGIN}/assets/gone.js`, site.dir)).status).toBe(404);
  });
});
