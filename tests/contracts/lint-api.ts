/**
 * `npm run lint:api`: Redocly's recommended rules on the served OpenAPI document, offline (no
 * telemetry, no update check). Exits with Redocly's status: non-zero on any error.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSpec } from './spec.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const file = await writeSpec();
const run = spawnSync(
  join(root, 'node_modules/.bin/redocly'),
  ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      DO_NOT_TRACK: '1',
    },
  },
);
rmSync(dirname(file), { recursive: true, force: true });
process.exit(run.status ?? 1);
