/**
 * The repair warranty (质量保证期) a 结算清单 states. 机动车维修管理规定 sets it by the work's
 * category, by days or kilometres whichever comes first, counted from the day the vehicle leaves
 * the workshop. The figures below are the ones the regulation is commonly cited with (整车修理
 * and 总成修理 100 days or 20,000 km; 二级维护 30 days or 5,000 km; 一级维护, 小修 and 专项修理
 * 10 days or 2,000 km); the article number is not cited because it could not be confirmed
 * against the current text. A dealership giving more passes its own (`heading.warranty`).
 */
import { type ReportLang, reportLabel } from '../i18n/report-words.ts';

/** Days and km by regulatory work category (jobs.categories' codes). */
export const WARRANTY_BY_WORK: Readonly<Record<string, { days: number; km: number }>> = {
  'major-repair': { days: 100, km: 20000 },
  'level-2-maintenance': { days: 30, km: 5000 },
  'level-1-maintenance': { days: 10, km: 2000 },
  'minor-repair': { days: 10, km: 2000 },
  'specialist-repair': { days: 10, km: 2000 },
};

/** The warranty lines of a statement: the period (when known) and the terms. */
export function warrantyView(
  given: { days?: number; km?: number; terms?: string } | undefined,
  work: string | undefined,
  lang: ReportLang,
): { period?: string; terms: string } {
  const byWork =
    work !== undefined && Object.hasOwn(WARRANTY_BY_WORK, work) ? WARRANTY_BY_WORK[work] : undefined;
  const days = given?.days ?? byWork?.days;
  const km = given?.km ?? byWork?.km;
  return {
    ...(days !== undefined && km !== undefined
      ? { period: reportLabel('warrantyFrom', lang, { days, km: km.toLocaleString('en-US') }) }
      : {}),
    terms: given?.terms ?? reportLabel('warrantyDefault', lang),
  };
}
