/** `npm install` runs this (the `prepare` script): every build step the checkout needs. */
import { buildServer } from './build-server.mjs';

await buildServer();
