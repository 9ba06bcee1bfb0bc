/**
 * Builds the server for production: server/main.ts and everything it imports from this
 * repository, bundled by esbuild into one JavaScript file, dist/server.mjs (packages stay
 * external, resolved from node_modules as usual), and norma's kind schemas as standalone
 * validators, dist/kind-validators.cjs. Start-up then skips tsx's loader and the
 * transpiling of every file (about 0.34 s and 52 MB at start; no cost once running).
 *
 * Files that find their own folder (`import.meta.url`: the JSON schemas, the templates, the
 * bundled standard, the compile worker) get the URL of their source file, relative to the bundle,
 * so they find the same files as under tsx, wherever the checkout lies.
 *
 * Run by `npm install` (the `prepare` script, scripts/prepare.mjs) and by `npm start` when a source
 * file is newer than the build (scripts/start.mjs). Without esbuild (an install without dev
 * dependencies) it builds nothing and `npm start` runs the TypeScript through tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outfile = join(root, 'dist', 'server.mjs');
const metafile = join(root, 'dist', 'server.meta.json');
/** Written by buildKindValidators; engine/validate/precompiled.ts reads it from there. */
const validatorsFile = join(root, 'dist', 'kind-validators.cjs');
const schemaDir = join(root, 'engine', 'schemas');

/** Builds dist/server.mjs; returns its path, or undefined when esbuild is not installed. */
export async function buildServer() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, 'server', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [ownUrls],
    define: { __NORMA_BUILD__: JSON.stringify(UNSTAMPED) },
  });
  writeFileSync(metafile, JSON.stringify({ inputs: Object.keys(result.metafile.inputs) }));
  await buildKindValidators();
  stampBuild();
  return outfile;
}

// As long as a stamp, so that stamping moves no column the source map points at.
const UNSTAMPED = `sha256:${'0'.repeat(64)}`;

/**
 * Writes the build's stamp into the bundle in place of UNSTAMPED: a SHA-256 of the bundle, the
 * kind validators and the version of every package norma depends on, so that a document checked
 * clean by one build is never taken as checked by another (engine/load/verified.ts).
 */
function stampBuild() {
  const bundle = readFileSync(outfile, 'utf8');
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const versions = Object.keys(dependencies).map((name) => {
    const file = join(root, 'node_modules', name, 'package.json');
    return [name, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null];
  });
  const hash = createHash('sha256')
    .update(bundle)
    .update(readFileSync(validatorsFile))
    .update(JSON.stringify(versions));
  writeFileSync(outfile, bundle.replace(UNSTAMPED, `sha256:${hash.digest('hex')}`));
}

/**
 * Writes dist/kind-validators.cjs: norma's kind schemas as standalone ajv code, which a start
 * loads instead of compiling them (engine/validate/precompiled.ts; a start with schemas other
 * than those it was made from compiles them as before).
 */
async function buildKindValidators() {
  const { tsImport } = await import('tsx/esm/api');
  const from = import.meta.url;
  const { precompiledSource, PRECOMPILED_FILE } = await tsImport('../engine/validate/precompiled.ts', from);
  const { readSchemas } = await tsImport('../engine/schemas/index.ts', from);
  writeFileSync(PRECOMPILED_FILE, precompiledSource(readSchemas()));
}

/**
 * Each repository file's `import.meta.url` (and `import.meta.dirname`) as its source file's, relative
 * to a bundle written to `outdir`, so that bundled code finds the same files as under tsx.
 */
export function ownUrlsFor(outdir) {
  return {
    name: 'own-urls',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url') && !source.includes('import.meta.dirname')) return undefined;
        const fromBundle = relative(outdir, args.path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        const fromBundleDir = relative(outdir, dirname(args.path)).split('\\').join('/');
        const dir = `(import.meta.dirname + ${JSON.stringify(`/${fromBundleDir}`)})`;
        return {
          contents: source.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dir),
          loader: args.path.endsWith('.ts') ? 'ts' : 'js',
        };
      });
    },
  };
}

const ownUrls = ownUrlsFor(dirname(outfile));

/**
 * Whether the build exists and no file it was built from has changed since: the bundle's inputs,
 * and the schema files the validators were made from (a start would otherwise compile them).
 */
export function isFresh() {
  if (!existsSync(outfile) || !existsSync(metafile) || !existsSync(validatorsFile)) return false;
  const built = Math.min(statSync(outfile).mtimeMs, statSync(validatorsFile).mtimeMs);
  const { inputs } = JSON.parse(readFileSync(metafile, 'utf8'));
  const schemas = readdirSync(schemaDir)
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => relative(root, join(schemaDir, name)));
  for (const input of [...inputs, ...schemas]) {
    const path = join(root, input);
    if (!existsSync(path) || statSync(path).mtimeMs > built) return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await buildServer();
  process.stdout.write(
    built
      ? `built ${relative(root, built)}\n`
      : 'esbuild is not installed: npm start runs the TypeScript through tsx\n',
  );
}
