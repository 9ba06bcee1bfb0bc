/**
 * The short outcome a decision record is filtered by (`GET /v1/decisions?outcome=`): a checklist's
 * status (`pass`, `fail`, `incomplete`), a scorecard's grade, a ruleset's outputs as
 * `name=value` pairs in declaration order joined by `;` (`approver=general-manager`). A fee
 * schedule's result is an amount, not an outcome: none.
 */
export function outcomeOf(kind: string, result: unknown): string | null {
  const r = (result ?? {}) as Record<string, unknown>;
  if (kind === 'checklist') return typeof r.status === 'string' ? r.status : null;
  if (kind === 'scorecard') return typeof r.grade === 'string' ? r.grade : null;
  if (kind === 'ruleset') return outputsOutcome(r.outputs);
  if (kind === 'process') return typeof r.stage === 'string' ? r.stage : null;
  return null;
}

function outputsOutcome(outputs: unknown): string | null {
  if (outputs === null || typeof outputs !== 'object') return null;
  const pairs = Object.entries(outputs as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}=${String(v)}`);
  return pairs.length > 0 ? pairs.join(';') : null;
}
