import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadStandards } from '../../engine/index.ts';
import { csvHeader, csvRow } from '../../records/csv.ts';
import type { StoredRecord } from '../../records/store.ts';
import { CliError, type Io, indexOptions, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, noLockFlag, parseCommandLine } from '../options.ts';
import { filterFlags, filterFrom, storeFlags, withRecords } from '../store.ts';

/** `norma decisions`'s command line. */
export const spec = {
  name: 'decisions',
  usage:
    'norma decisions list|show <id>|replay <id>|export [--standard id] [--subject type:id] [--since date] [--until date] [--outcome x] [--format text|json|jsonl|csv] [--out file] [--limit n] [--data-dir path]',
  summary: 'find, read, replay and export recorded decisions (docs/records.md)',
  flags: {
    ...filterFlags,
    format: flag.choice(['text', 'json', 'jsonl', 'csv'], 'how to print (export: jsonl by default)'),
    out: flag.string('file', 'export into this file instead of standard output'),
    limit: flag.integer('n', 'list at most n decisions (default 50)', 1, 100_000),
    dir: dirFlag,
    'no-lock': noLockFlag,
    ...storeFlags,
  },
  args: { min: 1, max: 2, missing: 'say what to do: list, show <id>, replay <id> or export' },
};

/** `norma decisions`: the auditor's view of the records, from the command line. */
export async function decisionsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const [action, id] = positionals as [string, string | undefined];
  // A mistyped --dir fails now, not after the store was opened.
  if (values.dir !== undefined) standardsDir(io, values.dir);
  const needsId = action === 'show' || action === 'replay';
  if (!['list', 'show', 'replay', 'export'].includes(action)) {
    throw new UsageError(`unknown action \`${action}\`: list, show <id>, replay <id> or export`);
  }
  if (needsId !== (id !== undefined)) {
    throw new UsageError(
      needsId ? `\`decisions ${action}\` needs a decision id` : `\`decisions ${action}\` takes no id`,
    );
  }
  return withRecords(io, values, async (records) => {
    if (action === 'list') {
      const page = await records.store.list(filterFrom(values), { limit: values.limit ?? 50 });
      if (values.format === 'json') io.out(JSON.stringify(page, null, 2));
      else io.out(page.items.length === 0 ? 'no decision recorded matches' : page.items.map(line).join('\n'));
      if (values.format !== 'json' && page.next) io.out(`… more: narrow the filter or raise --limit`);
      return 0;
    }
    if (action === 'export') {
      const csv = values.format === 'csv';
      const end = csv ? '\r\n' : '\n';
      // Streamed: one record at a time, never the whole export in memory.
      const fd = values.out ? openSync(resolve(io.cwd, values.out), 'w') : undefined;
      const write = (text: string) =>
        fd === undefined ? io.out(`${text}${end}`) : writeSync(fd, `${text}${end}`);
      let n = 0;
      try {
        if (csv) write(csvHeader());
        for await (const r of records.store.stream(filterFrom(values))) {
          write(csv ? csvRow(r) : JSON.stringify(r));
          n++;
        }
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      if (values.out) io.err(`exported ${n} decisions to ${values.out}`);
      return 0;
    }
    const record = await records.store.get(id as string);
    if (!record) throw new CliError(`no decision record \`${id}\``, 'find it with `norma decisions list`');
    if (action === 'show') {
      io.out(values.format === 'text' ? describe(record) : JSON.stringify(record, null, 2));
      return 0;
    }
    const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
    const replay = await records.replayer.replay(index, record);
    io.out(JSON.stringify(replay, null, 2));
    return replay.identical ? 0 : 1;
  });
}

function line(r: StoredRecord): string {
  const subject = r.subject ? ` ${r.subject.type}:${r.subject.id}` : '';
  return `${r.decisionId}  ${r.recordedAt}  ${r.standard.id} ${r.standard.version}  ${r.outcome ?? '-'}${subject}`;
}

function describe(r: StoredRecord): string {
  return [
    `decision ${r.decisionId} (${r.recordedAt}, by ${r.caller ?? 'an open server’s caller'})`,
    `  standard ${r.standard.id} ${r.standard.version} ${r.standard.digest}, at ${r.at}, ${r.kind}`,
    `  outcome  ${r.outcome ?? '-'}`,
    r.subject ? `  subject  ${r.subject.type} ${r.subject.id}` : undefined,
    `  matched  ${(r.matched as { rule?: string }[]).map((m) => m.rule).join(', ') || 'none'}`,
    r.retention
      ? `  kept     as ${r.retention.recordClass} until ${r.retention.keepUntil ?? 'further notice'}`
      : undefined,
    `  chain    writer ${r.writer} #${r.seq} ${r.hash}`,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}
