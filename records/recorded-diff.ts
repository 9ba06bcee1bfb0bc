import {
  canonicalJson,
  type DiffInput,
  type DiffReport,
  diffInputOf,
  diffVersions,
  evaluateFast,
  findVersion,
  NormaError,
  projectResult,
  type StandardsIndex,
} from '../engine/index.ts';
import type { DecisionFilter, RecordStore } from './store.ts';

/** The most recorded decisions one impact diff replays on both versions. */
export const RECORDED_DIFF_MAX = 10_000;
/** The most changed decisions it lists (the rest are counted). */
const LISTED_MAX = 1000;

/** One real decision the new version would decide differently. */
export interface ChangedDecision {
  decisionId: string;
  recordedAt: string;
  subject: { type: string; id: string } | null;
  from: Record<string, unknown>;
  to: Record<string, unknown>;
}

/** The impact of a new version on real traffic: the diff on recorded inputs, and which decisions change. */
export interface RecordedDiff {
  report: DiffReport;
  examined: number;
  changed: number;
  decisions: ChangedDecision[];
  truncated?: number;
}

/**
 * "How many of last month's real decisions would the new version have decided differently, and
 * which": the recorded inputs of `id` in the time range, evaluated on both versions at the date
 * each was decided for, compared by outcome (the kinds' projections, as the behavioural diff
 * compares them). At most `RECORDED_DIFF_MAX` decisions: a wider range is `input_too_large`.
 */
export async function recordedDiff(
  index: StandardsIndex,
  store: RecordStore,
  id: string,
  from: string,
  to: string,
  range: Pick<DecisionFilter, 'since' | 'until'>,
): Promise<RecordedDiff> {
  const older = findVersion(index, id, from);
  const newer = findVersion(index, id, to);
  const inputs: DiffInput[] = [];
  const out: Omit<RecordedDiff, 'report'> = { examined: 0, changed: 0, decisions: [] };
  for await (const record of store.stream({ standard: id, ...range })) {
    if (++out.examined > RECORDED_DIFF_MAX) {
      throw new NormaError(
        'input_too_large',
        `more than ${RECORDED_DIFF_MAX} recorded decisions of \`${id}\` in this range`,
        [
          {
            code: 'input_too_large',
            message: `limit: ${RECORDED_DIFF_MAX} decisions`,
            severity: 'error',
            hint: 'narrow the range with since and until',
          },
        ],
      );
    }
    const input = diffInputOf(record.input);
    inputs.push(input);
    const before = outcome(older, input, record.at);
    const after = outcome(newer, input, record.at);
    if (canonicalJson(before) === canonicalJson(after)) continue;
    out.changed++;
    if (out.decisions.length < LISTED_MAX) {
      out.decisions.push({
        decisionId: record.decisionId,
        recordedAt: record.recordedAt,
        subject: record.subject,
        from: before,
        to: after,
      });
    } else out.truncated = (out.truncated ?? 0) + 1;
  }
  return {
    report: diffVersions(index, id, from, to, { runs: 0, inputs, inputsName: 'recorded decisions' }),
    ...out,
  };
}

/** A version's outcome on a recorded input (the kind's projection), or the code it refuses it with. */
export function outcome(
  doc: ReturnType<typeof findVersion>,
  input: DiffInput,
  at: string,
): Record<string, unknown> {
  try {
    return projectResult(doc.kind, evaluateFast(doc, { ...input, at }).result);
  } catch (e) {
    // An input one version refuses is an outcome too: the refusal's code.
    if (e instanceof NormaError) return { error: e.code };
    throw e;
  }
}
