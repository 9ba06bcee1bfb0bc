/**
 * A process evaluation as text: where the case stands, stage by stage and step by step, what is
 * overdue, what may be done next, and the decisions of the history that were not taken.
 */
import type { Envelope, ProcessResult, StageView } from '../../engine/index.ts';

const MARK: Record<string, string> = {
  done: '✓',
  current: '▶',
  pending: '·',
  blocked: '✗',
  'not-applicable': '–',
};

/** The text `norma eval <process> --history` prints. */
export function formatCaseText(envelope: Envelope): string {
  const r = envelope.result as ProcessResult;
  const { id, version } = envelope.standard;
  const lines = [`${id} ${version} at ${envelope.at}: ${r.complete ? 'complete' : `stage ${r.stage}`}`, ''];
  for (const [stageId, stage] of Object.entries(r.stages)) lines.push(...stageLines(stageId, stage));
  if (r.overdue.length > 0) {
    lines.push('', 'overdue:');
    for (const o of r.overdue) {
      lines.push(
        `  ${o.deadline}  due ${o.due}, late ${o.late} (${o.lateMinutes} min)${o.title ? `  ${o.title}` : ''}`,
      );
    }
  }
  lines.push('', r.next.length > 0 ? 'next:' : 'next: nothing');
  for (const a of r.next) {
    lines.push(
      'step' in a ? `  step ${a.step} (${a.standard})` : `  event ${a.event}${a.title ? `  ${a.title}` : ''}`,
    );
  }
  if (r.refused.length > 0) {
    lines.push('', 'not taken (out of order or not allowed when recorded):');
    for (const x of r.refused) lines.push(`  ${x.decisionId} ${x.step} ${x.code}: ${x.message}`);
  }
  return lines.join('\n');
}

function stageLines(id: string, stage: StageView): string[] {
  const head = `${MARK[stage.state] ?? ' '} ${id.padEnd(18)} ${stage.state}${stage.reason ? `: ${stage.reason}` : ''}`;
  const out = [head];
  if (stage.state === 'not-applicable') return out;
  for (const [stepId, step] of Object.entries(stage.steps)) {
    const by = step.decisionId ? ` ← ${step.decisionId}` : '';
    const tries = step.attempts > 1 ? ` (${step.attempts} attempts)` : '';
    const why = step.reason && step.state !== 'done' ? `: ${step.reason}` : '';
    out.push(`    ${MARK[step.state] ?? ' '} ${stepId.padEnd(14)} ${step.state}${by}${tries}${why}`);
  }
  return out;
}
