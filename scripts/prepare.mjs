#!/usr/bin/env node
/** `npm install`'s `prepare`: every build step norma needs before it runs, one line each. */
import { buildWeb } from './build-web.mjs';

await buildWeb();
