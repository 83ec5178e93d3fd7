import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  mediaType: string;
}

/**
 * Resolve a URL path to a file under `root`, refusing anything that escapes it.
 * Unknown paths without an extension fall back to index.html (client-side routes).
 */
export function readStaticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = join(root, relative === '' ? 'index.html' : relative);
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const path = existsSync(candidate) && statSync(candidate).isFile() ? candidate : fallback(root, relative);
  if (!path) return null;
  return { body: readFileSync(path), mediaType: MEDIA_TYPES[extname(path)] ?? 'application/octet-stream' };
}

function fallback(root: string, relative: string): string | null {
  if (extname(relative) !== '') return null;
  const index = join(root, 'index.html');
  return existsSync(index) ? index : null;
}
