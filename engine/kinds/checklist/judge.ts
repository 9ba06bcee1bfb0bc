/**
 * Judging a checklist: each item's status and reason, then the score and the overall status.
 * Pure functions of the compiled checklist, the answers and the truths of the conditions.
 */
import { compareDates } from '../../conditions/dates.ts';
import type { Truths } from '../kind.ts';
import type { CompiledChecklist, CompiledItem, CompiledSection } from './compile.ts';
import type { Answer, Answers } from './prepare.ts';

export type ItemStatus = 'pass' | 'fail' | 'na' | 'missing';

/** Every reason an item can report; the first failing check (in this order) is the reason. */
export type ItemReason =
  | 'ok'
  | 'expect_not_met'
  | 'evidence_missing'
  | 'at_missing'
  | 'out_of_order'
  | 'not_applicable'
  | 'not_answered';

/** The earlier answer a sequential item was compared with. */
export interface OrderCheck {
  ok: boolean;
  /** The latest earlier answer in the section, if any. */
  previous?: { id: string; at: string };
}

/** How one item was judged, with every check that was made (for matched and explain). */
export interface ItemJudgement {
  item: CompiledItem;
  applicable: boolean;
  status: ItemStatus;
  reason: ItemReason;
  answer?: Answer;
  /** Whether the answer met `expect` (answered applicable items only). */
  met?: boolean;
  evidenceOk?: boolean;
  /** Only in sequential sections. */
  order?: OrderCheck;
}

export type ChecklistStatus = 'pass' | 'fail' | 'incomplete';

/** Judges every item, section by section, in document order. */
export function judgeItems(cl: CompiledChecklist, answers: Answers, truths: Truths): ItemJudgement[] {
  const out: ItemJudgement[] = [];
  for (const section of cl.sections) judgeSection(section, answers, truths, out);
  return out;
}

/** Appends the section's judgements to `out` (one array for the whole checklist). */
function judgeSection(
  section: CompiledSection,
  answers: Answers,
  truths: Truths,
  out: ItemJudgement[],
): void {
  // The latest `at` among the earlier applicable answers of a sequential section.
  let latest: { id: string; at: string } | undefined;
  for (const item of section.items) {
    if (!truths.get(item.whenIndex)) {
      out.push({ item, applicable: false, status: 'na', reason: 'not_applicable' });
      continue;
    }
    const answer = answers.get(item.key);
    if (!answer) {
      out.push({ item, applicable: true, status: 'missing', reason: 'not_answered' });
      continue;
    }
    const met = truths.get(item.expectIndex);
    const evidenceOk = item.evidence === 'none' || hasReference(answer.evidence);
    let order: OrderCheck | undefined;
    if (section.sequential) {
      const ok = answer.at !== undefined && (!latest || compareDates(answer.at, latest.at) >= 0);
      order = { ok, ...(latest ? { previous: latest } : {}) };
      if (answer.at !== undefined && (!latest || compareDates(answer.at, latest.at) > 0)) {
        latest = { id: item.key, at: answer.at };
      }
    }
    const reason: ItemReason = !met
      ? 'expect_not_met'
      : !evidenceOk
        ? 'evidence_missing'
        : order && answer.at === undefined
          ? 'at_missing'
          : order && !order.ok
            ? 'out_of_order'
            : 'ok';
    const status = reason === 'ok' ? 'pass' : 'fail';
    out.push(
      order
        ? { item, applicable: true, status, reason, answer, met, evidenceOk, order }
        : { item, applicable: true, status, reason, answer, met, evidenceOk },
    );
  }
}

/** Whether any evidence reference is more than blanks. */
function hasReference(evidence: readonly string[]): boolean {
  for (const e of evidence) if (e.trim() !== '') return true;
  return false;
}

/**
 * The passed share of applicable weight, in percent, rounded half up to two decimals. Missing
 * items count as applicable (they are owed); N/A items leave the denominator. With no applicable
 * weight there is nothing to fall short of, so the score is 100.
 */
export function scoreOf(judged: readonly ItemJudgement[]): number {
  let applicable = 0;
  let passed = 0;
  for (const j of judged) {
    if (!j.applicable) continue;
    applicable += j.item.weight;
    if (j.status === 'pass') passed += j.item.weight;
  }
  if (applicable === 0) return 100;
  return Math.round((passed * 10_000) / applicable) / 100;
}

/** Failed applicable critical items: any one of them fails the checklist whatever the score. */
export function blockingOf(judged: readonly ItemJudgement[]): ItemJudgement[] {
  return judged.filter((j) => j.status === 'fail' && j.item.severity === 'critical');
}

/** The overall status: a blocking failure, else incomplete, else the score against `minScore`. */
export function statusOf(judged: readonly ItemJudgement[], score: number, minScore: number): ChecklistStatus {
  if (blockingOf(judged).length > 0) return 'fail';
  if (judged.some((j) => j.status === 'missing')) return 'incomplete';
  return score < minScore ? 'fail' : 'pass';
}
