import { loadStandards, today } from '../../engine/index.ts';
import type { Approval } from '../../records/purge.ts';
import { purge } from '../../records/purge.ts';
import type { LegalHold } from '../../records/store.ts';
import { CliError, type Io, indexOptions, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, noLockFlag, parseCommandLine } from '../options.ts';
import { storeFlags, subjectOf, withRecords } from '../store.ts';

/** `norma records`'s command line. */
export const spec = {
  name: 'records',
  usage:
    'norma records verify|holds|hold|unhold <holdId>|purge [--decision id | --subject type:id | --case id] [--reason text] [--approvals name:role,…] [--dry-run] [--json] [--data-dir path]',
  summary: 'verify the records’ hash chains, set and lift legal holds, purge what retention allows',
  flags: {
    decision: flag.string('id', '`hold`: put this decision under legal hold'),
    subject: flag.string('type:id', '`hold`: put every decision about this subject under legal hold'),
    case: flag.string('id', '`hold`: put every decision of this case under legal hold'),
    reason: flag.string('text', '`hold`: why (the dispute, the case number)'),
    by: flag.string('name', '`hold`/`unhold`: who sets or lifts it (default: `USER`)'),
    approvals: flag.string(
      'name:role,…',
      '`purge`: who approved the destruction, e.g. 陈静:records-administrator,刘洋:after-sales-manager',
    ),
    'dry-run': flag.boolean('`purge`: list what may be destroyed today and why; destroy nothing'),
    json: flag.boolean('print JSON'),
    dir: dirFlag,
    'no-lock': noLockFlag,
    ...storeFlags,
  },
  args: { min: 1, max: 2, missing: 'say what to do: verify, holds, hold, unhold <holdId> or purge' },
};

/** `norma records`: the records' integrity and lifecycle. */
export async function recordsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const [action, holdId] = positionals as [string, string | undefined];
  // A mistyped --dir fails now, not after the store was opened.
  if (values.dir !== undefined) standardsDir(io, values.dir);
  if (!['verify', 'holds', 'hold', 'unhold', 'purge'].includes(action)) {
    throw new UsageError(`unknown action \`${action}\`: verify, holds, hold, unhold <holdId> or purge`);
  }
  if ((action === 'unhold') !== (holdId !== undefined)) {
    throw new UsageError(
      action === 'unhold' ? '`records unhold` needs the hold id' : `\`records ${action}\` takes no id`,
    );
  }
  const by = values.by ?? io.env.USER ?? 'cli';
  return withRecords(io, values, async ({ store }) => {
    if (action === 'verify') {
      const report = await store.verify();
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else {
        for (const c of report.chains)
          io.out(`chain ${c.writer}: ${c.records} records, head ${c.head ?? '-'}`);
        const b = report.broken;
        io.out(
          b
            ? `broken: writer ${b.writer} record #${b.seq} (${b.decisionId}): ${BREAKS[b.reason]}`
            : `ok: ${report.chains.length} chains verify`,
        );
      }
      return report.ok ? 0 : 1;
    }
    if (action === 'holds') {
      const holds = await store.holds();
      if (values.json) io.out(JSON.stringify(holds, null, 2));
      else
        io.out(
          holds.length === 0
            ? 'no legal hold'
            : holds
                .map((h) => `${h.holdId}  ${targetText(h.target)}  ${h.reason} (${h.setBy}, ${h.setAt})`)
                .join('\n'),
        );
      return 0;
    }
    if (action === 'hold') {
      if (!values.reason) throw new UsageError('give the reason of the hold with --reason');
      const hold: LegalHold = {
        target: targetOf(values),
        reason: values.reason,
        setBy: by,
        setAt: new Date().toISOString(),
      };
      io.out(await store.setHold(hold));
      return 0;
    }
    if (action === 'unhold') {
      if (!(await store.liftHold(holdId as string, by)))
        throw new CliError(`no legal hold \`${holdId}\``, 'list them with `norma records holds`');
      io.out(`lifted ${holdId}`);
      return 0;
    }
    if (!values.approvals)
      throw new UsageError('give who approved with --approvals name:role,… (even for --dry-run)');
    const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
    const plan = await purge(
      index,
      store,
      today(),
      approvalsOf(values.approvals),
      values['dry-run'] === true,
    );
    if (values.json) io.out(JSON.stringify(plan, null, 2));
    else {
      io.out(
        `${plan.dryRun ? 'would destroy' : 'destroyed'} ${plan.destroyable} of ${plan.examined} records on ${plan.at}, as ${plan.decidedBy} decides`,
      );
      for (const e of plan.entries) io.out(`  ${e.decisionId}  ${e.recordedAt}  ${e.recordClass}  ${e.rule}`);
      for (const [reason, n] of Object.entries(plan.kept)) io.out(`  kept ${n}: ${reason}`);
    }
    return 0;
  });
}

const BREAKS = {
  hash: 'its content does not match its hash (altered)',
  link: 'it does not link to the record before it (reordered or replaced)',
  gap: 'the record before it is missing (deleted)',
};

function targetOf(values: {
  decision?: string | undefined;
  subject?: string | undefined;
  case?: string | undefined;
}): LegalHold['target'] {
  const given = [values.decision, values.subject, values.case].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError('give exactly one of --decision, --subject or --case');
  if (values.decision) return { decisionId: values.decision };
  if (values.case) return { caseId: values.case };
  return { subject: subjectOf(values.subject as string, '--subject') };
}

function targetText(target: LegalHold['target']): string {
  if ('decisionId' in target) return `decision ${target.decisionId}`;
  if ('caseId' in target) return `case ${target.caseId}`;
  return `${target.subject.type} ${target.subject.id}`;
}

const ROLES = ['records-administrator', 'after-sales-manager', 'service-advisor', 'technician'];

function approvalsOf(raw: string): Approval[] {
  return raw.split(',').map((part) => {
    const [name, role] = part.split(':').map((s) => s.trim());
    if (!name || !role || !ROLES.includes(role)) {
      throw new UsageError(`--approvals is name:role,… with a role of ${ROLES.join(', ')}; not \`${part}\``);
    }
    return { name, role };
  });
}
