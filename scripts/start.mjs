/**
 * `npm start`: the server as compiled JavaScript (dist/server.mjs, scripts/build-server.mjs),
 * rebuilt first when a source file changed since the last build, so it never serves stale code.
 * Without esbuild it runs the TypeScript through tsx, as `npm run dev` does.
 */
import { pathToFileURL } from 'node:url';
import { buildServer, isFresh, outfile } from './build-server.mjs';

const built = isFresh() ? outfile : await buildServer();
if (built) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/main.ts');
}
