/**
 * The web app's static files, all from this server: the bundled client modules and stylesheet
 * (web/static/, built at install by scripts/build-web.mjs) and the Noto Sans SC subset font from
 * @fontsource/noto-sans-sc, whose unicode-range subsets let a page load only the characters it shows.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const staticDir = fileURLToPath(new URL('./static/', import.meta.url));
const fontDir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'));

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
};

/** A static file: its bytes, type and how long a browser may keep it. */
export interface StaticFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

/**
 * The file a `/static/…` path names, or undefined. Only flat names of known types are served:
 * a path can never leave the two folders.
 */
export async function staticFile(path: string): Promise<StaticFile | undefined> {
  const font = /^fonts\/(noto-sans-sc-[\w-]+\.(woff2?))$/.exec(path);
  if (font?.[1] && font[2])
    return read(join(fontDir, 'files', font[1]), font[2], 'public, max-age=31536000, immutable');
  if (path === 'fonts/noto-sans-sc-400.css')
    return read(join(fontDir, '400.css'), 'css', 'public, max-age=86400', fontCss);
  const own = /^([\w-]+)\.(js|css)$/.exec(path);
  if (own?.[2]) return read(join(staticDir, path), own[2], 'no-cache');
  return undefined;
}

// The package's stylesheet names its files `./files/…`; here they sit beside it.
const fontCss = (text: string) => text.replaceAll('url(./files/', 'url(./');

async function read(
  file: string,
  ext: string,
  cache: string,
  transform?: (text: string) => string,
): Promise<StaticFile | undefined> {
  try {
    const bytes = await readFile(file);
    const body = transform ? new TextEncoder().encode(transform(bytes.toString('utf8'))) : bytes;
    return { body, type: TYPES[ext] ?? 'application/octet-stream', cache };
  } catch {
    return undefined;
  }
}
