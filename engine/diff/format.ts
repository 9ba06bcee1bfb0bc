/** The diff report as terminal text; Markdown and HTML come from templates (engine/render). */
import type { DiffView, SampleView } from './report.ts';

/** Formats a diff view for the terminal. */
export function formatDiffText(view: DiffView): string {
  const out: string[] = [];
  out.push(`${view.id} (${view.kind}): ${view.from.version} → ${view.to.version}`);
  for (const v of [view.from, view.to]) {
    out.push(`  ${v.version}  ${v.status}${v.effective ? `, effective ${v.effective}` : ''}  ${v.digest}`);
  }
  const { outcome, input, wording } = view.counts;
  out.push('');
  out.push(
    `${view.total} change${view.total === 1 ? '' : 's'}: ${outcome} outcome, ${input} input, ${wording} wording`,
  );
  for (const group of view.groups) {
    if (group.changes.length === 0) continue;
    out.push('', `${group.title}:`);
    for (const c of group.changes) out.push(`  ${c.line}`);
  }
  const b = view.behaviour;
  if (b) {
    out.push('');
    out.push(
      `behaviour on ${b.generated.total} generated inputs (seed ${b.seed}, at ${b.at}): the outcome changes for ${b.generated.percent}`,
    );
    out.push(...sampleLines(b.generated));
    if (b.real) {
      out.push('');
      out.push(
        `behaviour on ${b.real.total} real inputs (${b.real.name}): the outcome changes for ${b.real.percent}`,
      );
      out.push(...sampleLines(b.real));
    }
  }
  return `${out.join('\n')}\n`;
}

function sampleLines(s: SampleView): string[] {
  const out: string[] = [];
  for (const t of s.transitions) {
    out.push(`  ${t.label}: ${t.percent} (${t.count} of ${s.total})`);
    out.push(`    ${t.line !== undefined ? `first, line ${t.line}` : 'smallest example'}: ${t.example}`);
  }
  if (s.invalidForBoth > 0) out.push(`  ${s.invalidForBoth} input(s) are accepted by neither version`);
  return out;
}
