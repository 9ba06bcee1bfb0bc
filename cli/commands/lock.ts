import {
  LOCK_FILE,
  loadStandards,
  migrateLock,
  NormaError,
  planLock,
  planMigration,
  type StandardsIndex,
  writeLock,
} from '../../engine/index.ts';
import { type Io, standardsRoot } from '../io.ts';
import { dirFlag, flag, parseCommandLine } from '../options.ts';

/** `norma lock`'s command line. */
export const spec = {
  name: 'lock',
  usage: 'norma lock [ids…] [--check] [--migrate] [--dir path] [--format text|json]',
  summary: 'record newly approved versions in norma.lock; never change an entry',
  flags: {
    check: flag.boolean('only report what would be recorded; exit 1 when anything would be'),
    migrate: flag.boolean('rewrite an outdated lock in the current digest scheme, re-checking every entry'),
    format: flag.choice(['text', 'json'], 'how to print what was recorded'),
    dir: dirFlag,
  },
  args: { min: 0, max: Number.POSITIVE_INFINITY },
};

/**
 * `norma lock`: records newly approved versions (of the given ids, or all) in norma.lock; never
 * changes an entry (`lock_entry_immutable`, exit 1). `--check` reports what it would record.
 */
export function lockCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandLine(argv, spec);
  const index = loadStandards(standardsRoot(io, values.dir));
  if (values.migrate) return migrate(index, values.check, values.format, io);
  checkIds(index, positionals);
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
  for (const s of plan.skipped) io.out(`skipped ${s}: it does not load (run \`norma validate\`)`);
  if (plan.added.length === 0 && plan.conflicts.length === 0) io.out(`${LOCK_FILE} is up to date`);
  return pending ? 1 : 0;
}

/** A mistyped id would otherwise lock nothing and say "up to date". */
function checkIds(index: StandardsIndex, ids: string[]): void {
  const known = new Set([...index.files.values()].map((f) => (f.document ?? f.lastGood)?.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new NormaError(
      'standard_unknown',
      `no standard ${unknown.map((id) => `\`${id}\``).join(', ')} in \`${index.dir}\``,
    );
  }
}

/** `--migrate`: rewrites an outdated lock in the current digest scheme (`--check`: only says so). */
function migrate(index: StandardsIndex, check: boolean, format: string, io: Io): number {
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
