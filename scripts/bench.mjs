/**
 * `npm run bench`: the benchmark as compiled JavaScript, as production runs norma (dist/server.mjs).
 * Under tsx every function expression gets a name set at run time (esbuild's `keepNames`), once
 * per call for a closure made inside a function: a cost production never pays, and one that fell
 * mostly on the hand-written baselines (their helper closures), which made norma look closer to
 * them than it is. So bench/run.ts and the HTTP benchmark's server process are bundled by
 * esbuild, without `keepNames`, into the ignored bench/out/bundle/, and run from there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ownUrlsFor, root } from './build-server.mjs';

const outdir = join(root, 'bench', 'out', 'bundle');
const esbuild = await import('esbuild');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { run: join(root, 'bench', 'run.ts'), server: join(root, 'bench', 'http', 'server.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [ownUrlsFor(outdir)],
});
const run = spawnSync(process.execPath, ['--expose-gc', join(outdir, 'run.mjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NORMA_BENCH_SERVER: join(outdir, 'server.mjs') },
});
process.exit(run.status ?? 1);
