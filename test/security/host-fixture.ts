import { afterEach, beforeEach } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { startHeadlessHost } from '../../electron/app/headless';
import { createTestCore } from '../api/harness';

/**
 * A fresh core and `dripagent serve`'s HTTP host on a free port for each test of the file.
 * @example const h = hostPerTest(); test('…', async () => { await fetch(`${h.host.url}/v1/track`, …) });
 */
export function hostPerTest(): { readonly fixture: ReturnType<typeof createTestCore>; readonly host: HttpHost } {
  let fixture: ReturnType<typeof createTestCore> | undefined;
  let host: HttpHost | undefined;
  beforeEach(async () => {
    fixture = createTestCore();
    host = await startHeadlessHost({ core: fixture.core, rendererDir: '/nonexistent', port: 0 });
  });
  afterEach(async () => {
    await host?.close();
    await fixture?.cleanup();
  });
  return {
    get fixture() {
      if (!fixture) throw new Error('hostPerTest: only inside a test');
      return fixture;
    },
    get host() {
      if (!host) throw new Error('hostPerTest: only inside a test');
      return host;
    },
  };
}
