#!/usr/bin/env node
// The `norma` command: runs the TypeScript CLI through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`norma validate | head`) closes the pipe: that ends the output, not
// in a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
