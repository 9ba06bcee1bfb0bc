#!/usr/bin/env node
/** `npm install`'s `prepare`: every build step the checkout needs before it runs, one line each. */
import { buildServer } from './build-server.mjs';

await buildServer();

try {
  const { buildWeb } = await import('./build-web.mjs');
  await buildWeb();
} catch (e) {
  // An install without dev dependencies has no esbuild: the pages still work, without their scripts.
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('esbuild')) throw e;
  console.warn('prepare: esbuild is not installed (a dev dependency), so web/static/ was not built;');
  console.warn('         the web pages work without their scripts until `node scripts/build-web.mjs` runs');
}
