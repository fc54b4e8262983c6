import { statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string; contentType: string; cacheControl: string }
  | { kind: 'not_found' }
  /** The renderer has not been built: there is no index.html to fall back to. */
  | { kind: 'not_built' };

/** False for anything that cannot be a file of the build: a NUL byte, a file used as a folder, a name too long. */
const isFile = (file: string) => {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
};

/**
 * Maps a URL path to a file of the built renderer, shared by the HTTP host and Electron's
 * `app://` protocol. Paths without an extension fall back to index.html (client-side routes);
 * a missing `/assets/x.js` is a real 404 so a stale page fails loudly instead of parsing HTML as JS.
 * @example lookupStaticFile('/app/dist/renderer', '/journeys/welcome') // index.html
 */
export function lookupStaticFile(root: string, pathname: string): StaticLookup {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
  } catch {
    return { kind: 'not_found' };
  }
  const file = join(root, relative);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'not_found' };
  if (relative !== '' && isFile(file)) {
    const hashed = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
    return {
      kind: 'file',
      file,
      contentType: contentTypeFor(file),
      cacheControl: hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
  }
  if (relative !== '' && extname(relative) !== '') return { kind: 'not_found' };
  const index = join(root, 'index.html');
  if (!isFile(index)) return { kind: 'not_built' };
  return { kind: 'file', file: index, contentType: contentTypeFor(index), cacheControl: 'no-cache' };
}
