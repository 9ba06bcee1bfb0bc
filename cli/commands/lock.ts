import { parseArgs } from 'node:util';
import {
  LOCK_FILE,
  loadStandards,
  migrateLock,
  planLock,
  planMigration,
  type StandardsIndex,
  writeLock,
} from '../../engine/index.ts';
import { type Io, standardsDir } from '../io.ts';

export const usage = 'norma lock [ids…] [--check] [--migrate] [--dir path] [--format text|json]';

/**
 * `norma lock`: records newly approved versions (of the given ids, or all) in norma.lock; never
 * changes an entry (`lock_entry_immutable`, exit 1). `--check` reports what it would record.
 */
export function lockCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      check: { type: 'boolean', default: false },
      migrate: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    },
  });
  const index = loadStandards(standardsDir(io, values.dir));
  if (values.migrate) return migrate(index, values.check, values.format, io);
  const plan = values.check ? planLock(index, positionals) : writeLock(index, positionals);
  const pending = values.check && (plan.added.length > 0 || plan.conflicts.length > 0);
  if (values.format === 'json') {
    io.out(JSON.stringify({ added: plan.added, conflicts: plan.conflicts, skipped: plan.skipped }, null, 2));
    return pending ? 1 : 0;
  }
  for (const c of plan.conflicts) io.out(`${c.file}: ${c.code} ${c.message}`);
  for (const a of plan.added) {
    io.out(`${values.check ? 'would lock' : 'locked'} ${a.id} ${a.version} ${a.entry.digest}`);
  }
  for (const s of plan.skipped) io.out(`skipped ${s}: it does not compile (run \`norma validate\`)`);
  if (plan.added.length === 0 && plan.conflicts.length === 0) io.out(`${LOCK_FILE} is up to date`);
  return pending ? 1 : 0;
}

/** `--migrate`: rewrites an outdated lock in the current digest scheme (`--check`: only says so). */
function migrate(index: StandardsIndex, check: boolean, format: string | undefined, io: Io): number {
  const plan = check ? planMigration(index) : migrateLock(index);
  if (format === 'json')
    io.out(JSON.stringify({ migrated: plan.migrated, conflicts: plan.conflicts }, null, 2));
  else {
    for (const c of plan.conflicts) io.out(`${c.file}: ${c.code} ${c.message}`);
    for (const m of plan.migrated)
      io.out(`${check ? 'would migrate' : 'migrated'} ${m.id} ${m.version} ${m.to}`);
  }
  return check && plan.conflicts.length > 0 ? 1 : 0;
}
