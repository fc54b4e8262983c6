import { APP_ORIGIN, originOf } from './protocol';

/**
 * Whether a URL is our own renderer: the `app://dripagent` pages, or the Vite dev server when
 * `DRIPAGENT_DEV_URL` is set. Used for IPC sender checks and to block navigation elsewhere.
 */
export function createTrustCheck(devUrl?: string): (url: string | undefined) => boolean {
  const devOrigin = devUrl ? originOf(new URL(devUrl)) : undefined;
  return (url) => {
    if (!url) return false;
    try {
      const origin = originOf(new URL(url));
      return origin === APP_ORIGIN || (devOrigin !== undefined && origin === devOrigin);
    } catch {
      return false;
    }
  };
}
