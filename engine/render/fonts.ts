/**
 * The Chinese font of printed reports: Noto Sans SC from @fontsource/noto-sans-sc, so a machine
 * without Chinese fonts still prints Chinese. The package cuts the font into ~100 subsets by
 * unicode-range; a report declares only the subsets whose characters it uses, either
 * linked (`/static/fonts/…`, served by norma itself under `font-src 'self'`: reports over HTTP)
 * or embedded as data: URLs (a report written to a file by the CLI, which must print anywhere).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** How a report carries its font: linked to norma's static files, embedded, or not at all. */
export type FontMode = 'link' | 'embed' | 'none';

/** The family name the print styles ask for. */
export const FONT_FAMILY = 'Noto Sans SC';

/** Where the web server serves the subset files (web/static.ts). */
export const FONT_URL_BASE = '/static/fonts/';

interface Face {
  file: string;
  range: string;
  ranges: [number, number][];
}

let faces: Face[] | undefined;
let fontDir: string | undefined;

function loadFaces(): Face[] {
  if (faces) return faces;
  const css = join(
    dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css')),
    '400.css',
  );
  fontDir = join(dirname(css), 'files');
  faces = [];
  for (const block of readFileSync(css, 'utf8').split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([\w-]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1]?.trim();
    if (file && range) faces.push({ file, range, ranges: parseRanges(range) });
  }
  return faces;
}

/** `U+4e00-4e3f,U+20` as code point ranges. */
export function parseRanges(text: string): [number, number][] {
  return text.split(',').flatMap((part) => {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (!m?.[1]) return [];
    const from = Number.parseInt(m[1].replace(/\?/g, '0'), 16);
    const to = m[2] ? Number.parseInt(m[2], 16) : Number.parseInt(m[1].replace(/\?/g, 'f'), 16);
    return [[from, to] as [number, number]];
  });
}

/** The subset files a text needs: those whose unicode-range holds one of its characters. */
export function subsetsFor(text: string): string[] {
  const used = new Set<number>();
  for (const ch of text) used.add(ch.codePointAt(0) as number);
  return loadFaces()
    .filter((f) => f.ranges.some(([a, b]) => [...used].some((c) => c >= a && c <= b)))
    .map((f) => f.file);
}

/** The @font-face rules a report with this text needs, linked or embedded. */
export function fontFaceCss(text: string, mode: FontMode): string {
  if (mode === 'none') return '';
  const wanted = new Set(subsetsFor(text));
  return loadFaces()
    .filter((f) => wanted.has(f.file))
    .map((f) => {
      const src =
        mode === 'embed'
          ? `data:font/woff2;base64,${readFileSync(join(fontDir as string, f.file)).toString('base64')}`
          : `${FONT_URL_BASE}${f.file}`;
      return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:400;font-display:block;src:url(${src}) format('woff2');unicode-range:${f.range};}`;
    })
    .join('\n');
}
