#!/usr/bin/env node
/**
 * Bundles the web app's client modules and stylesheet into web/static/ (git-ignored), once, at
 * install (`npm install` runs `prepare`). The server only reads the result: nothing is built at
 * start and nothing is fetched from a CDN.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'web', 'static');

/** The client entry points: one small module per page that needs one. */
export const entries = ['editor', 'checklist', 'diff', 'record', 'records-admin'];

/** Builds every client module and the stylesheet; resolves when web/static/ is complete. */
export async function buildWeb({ quiet = false } = {}) {
  mkdirSync(out, { recursive: true });
  await build({
    // Flat names (`editor.js`, `app.css`): the server serves only flat names from web/static/.
    entryPoints: [
      ...entries.map((name) => ({ in: join(root, 'web', 'client', `${name}.ts`), out: name })),
      { in: join(root, 'web', 'styles', 'app.css'), out: 'app' },
    ],
    outdir: out,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'info',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWeb();
