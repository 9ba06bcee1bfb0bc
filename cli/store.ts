import { resolve } from 'node:path';
import { openStore, recordsOptionsFromEnv } from '../records/open.ts';
import { RecordsService } from '../records/service.ts';
import type { DecisionFilter, Subject } from '../records/store.ts';
import { CliError, type Io, UsageError } from './io.ts';
import { flag } from './options.ts';

/** The store flags every records command shares. */
export const storeFlags = {
  'data-dir': flag.string('path', 'the embedded store’s directory (default: `NORMA_DATA_DIR`, else ./data)'),
  'database-url': flag.string('url', 'a PostgreSQL store instead (default: `NORMA_DATABASE_URL`)'),
};

/**
 * Runs `work` on the store the server records into (the same variables, or the flags), and
 * closes it after. The CLI is the operator's: it reads records unmasked.
 */
export async function withRecords<T>(
  io: Io,
  values: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined },
  work: (records: RecordsService) => Promise<T>,
): Promise<T> {
  let options: ReturnType<typeof recordsOptionsFromEnv>;
  try {
    options = recordsOptionsFromEnv(io.env);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const databaseUrl = values['database-url'] ?? options.databaseUrl;
  const dataDir = resolve(io.cwd, values['data-dir'] ?? options.dataDir);
  const store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    return await work(new RecordsService(store));
  } finally {
    await store.close();
  }
}

/** The filter flags of `decisions list` and `decisions export`. */
export const filterFlags = {
  standard: flag.string('id', 'only decisions of this standard'),
  version: flag.string('v', 'only decisions of this version'),
  digest: flag.string('sha256:…', 'only decisions of the version with this digest'),
  subject: flag.string('type:id', 'only decisions about this subject, e.g. work-order:WO-2026-0001'),
  case: flag.string('id', 'only decisions of this case'),
  outcome: flag.string('text', 'only this outcome: a status, a grade, `name=value` outputs'),
  since: flag.date('only decisions recorded on or after this day (in Asia/Shanghai)'),
  until: flag.date('only decisions recorded before this day'),
};

type FilterValues = { [K in keyof typeof filterFlags]?: string | undefined };

/** The filter the flags give. */
export function filterFrom(values: FilterValues): DecisionFilter {
  const filter: DecisionFilter = {};
  if (values.standard) filter.standard = values.standard;
  if (values.version) filter.version = values.version;
  if (values.digest) filter.digest = values.digest;
  if (values.case) filter.caseId = values.case;
  if (values.outcome) filter.outcome = values.outcome;
  if (values.subject) {
    const subject = subjectOf(values.subject, '--subject');
    filter.subjectType = subject.type;
    filter.subjectId = subject.id;
  }
  if (values.since) filter.since = dayStart(values.since);
  if (values.until) filter.until = dayStart(values.until);
  return filter;
}

/** `type:id`, as `--subject work-order:WO-1`. */
export function subjectOf(raw: string, name: string): Subject {
  const at = raw.indexOf(':');
  if (at <= 0 || at === raw.length - 1) {
    throw new UsageError(`${name} is \`type:id\`, such as work-order:WO-2026-0001, not \`${raw}\``);
  }
  return { type: raw.slice(0, at), id: raw.slice(at + 1) };
}

/** Midnight of a day in the standard's time zone, as a UTC instant. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}
