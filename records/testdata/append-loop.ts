/**
 * The durability test's writer: appends records as fast as it can, 32 at a time, and prints each
 * decisionId only after its append resolved (i.e. after COMMIT), until it is killed.
 *
 *   node --import tsx records/testdata/append-loop.ts sqlite <dataDir>
 *   node --import tsx records/testdata/append-loop.ts postgres <url> <schema>
 *
 * stdout is a pipe, and writes to a pipe are synchronous on Linux: a printed id is in the pipe
 * before the next statement runs, so the parent sees every id acknowledged before the kill.
 */
import { openPostgresStore } from '../postgres.ts';
import { openSqliteStore } from '../sqlite.ts';
import type { RecordStore } from '../store.ts';
import { makeRecord } from './sample.ts';

const [driver, target, schema] = process.argv.slice(2);
if (!target || (driver !== 'sqlite' && driver !== 'postgres')) {
  throw new Error('usage: append-loop.ts sqlite <dataDir> | postgres <url> <schema>');
}
const store: RecordStore =
  driver === 'sqlite'
    ? await openSqliteStore(target)
    : await openPostgresStore(target, schema ? { schema, max: 2 } : {});
process.stdout.write(`ready ${store.writer}\n`);

async function appendForever(): Promise<never> {
  for (;;) {
    const record = makeRecord({ caller: 'durability' });
    await store.append(record);
    process.stdout.write(`${record.decisionId}\n`);
  }
}

await Promise.all(Array.from({ length: 32 }, appendForever));
