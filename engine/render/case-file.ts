/**
 * The case file (档案) of a case walked through a process: every step with who did it, when and
 * by which version (and digest), every event and fact update, where the case stands, and the
 * signature lines; printable on A4, bilingual (Chinese first) like the process's own titles.
 */
import type { CompiledDocument } from '../document.ts';
import { type ReportLang, reportLabel, textIn } from '../i18n/report-words.ts';
import { caseReasons } from '../kinds/process/api.ts';
import type { ProcessResult } from '../kinds/process/evaluate.ts';
import { DEFAULT_TIME_ZONE, localTimeFormatter } from '../util/local-time.ts';
import { plainText } from './diff-words.ts';
import { headingOf } from './heading.ts';
import { finish, frame, type RenderOptions } from './reports.ts';
import { clauseText, thenText } from './views.ts';

/** A case as the case file shows it: the JSON `GET /v1/cases/{id}` answers. */
export interface CaseFileInput {
  caseId: string;
  subject: { type: string; id: string };
  facts: Record<string, unknown>;
  openedAt: string;
  openedBy: string | null;
  state: ProcessResult;
  history: readonly CaseFileEntry[];
  changes: readonly {
    changes: { path: string; before?: unknown; after?: unknown }[];
    by: string | null;
    recordedAt: string;
  }[];
}

/** A decision (`decisionId`) or an event (`type`) of the case's history. */
export interface CaseFileEntry {
  decisionId?: string;
  standard?: { id: string; version?: string; digest?: string };
  step?: string;
  at?: string;
  result?: unknown;
  by?: string | null;
  type?: string;
  time?: string;
  actor?: string;
  data?: Record<string, unknown>;
  recordedAt?: string;
}

interface StepInfo {
  stage: string;
  title?: string;
  clause?: string;
}

/** The case file as HTML, rendered at `renderedAt`, in `options.lang` (default Chinese). */
export function renderCaseFile(
  doc: CompiledDocument,
  kase: CaseFileInput,
  renderedAt: string,
  options: RenderOptions = {},
): string {
  const lang = options.lang ?? 'zh';
  const timezone = typeof doc.data.timezone === 'string' ? doc.data.timezone : DEFAULT_TIME_ZONE;
  // Instants as people at the workshop read them: `2026-12-03 15:00`, in the process's time zone.
  const local = localTimeFormatter(timezone);
  const steps = stepsOf(doc, lang);
  const stageTitles = stageTitlesOf(doc, lang);
  const events = eventTitlesOf(doc, lang);
  // The state's reasons are English (the API's); the file says them in its own language.
  const reasons = caseReasons(doc, { facts: kase.facts, history: kase.history, at: renderedAt }, lang);
  const timeline = kase.history.map((entry, i) =>
    entry.decisionId !== undefined
      ? { ...decisionRow(kase.state, steps, stageTitles, entry, i + 1), when: local(entry.at) }
      : {
          number: i + 1,
          event: true,
          what: events.get(entry.type ?? '') ?? entry.type,
          type: entry.type,
          when: local(entry.time),
          who: entry.actor ?? '—',
          data: entry.data && Object.keys(entry.data).length > 0 ? thenText(entry.data) : undefined,
        },
  );
  const framed = frame(doc, lang, 'case-file', { ...options, subject: options.subject ?? kase.subject });
  return finish(
    'case-file',
    {
      ...framed,
      heading: headingOf(options.heading, kase.facts, kase.subject),
      page: { ...framed.page, extra: `${reportLabel('case', lang)} ${kase.caseId}` },
      kase: {
        caseId: kase.caseId,
        subject: `${kase.subject.type} ${kase.subject.id}`,
        openedAt: local(kase.openedAt),
        openedBy: kase.openedBy ?? '—',
        facts: Object.entries(kase.facts).map(([name, value]) => ({ name, value })),
      },
      state: {
        stage:
          kase.state.stage === null ? undefined : (stageTitles.get(kase.state.stage) ?? kase.state.stage),
        complete: kase.state.complete,
        overdue: kase.state.overdue,
        stages: Object.entries(kase.state.stages).map(([id, view]) => ({
          title: stageTitles.get(id) ?? id,
          state: view.state,
          reason: view.reason === undefined ? undefined : (reasons.stages[id] ?? view.reason),
        })),
      },
      timeline,
      changes: kase.changes.flatMap((c) =>
        c.changes.map((change) => ({
          path: change.path,
          before: change.before === undefined ? '—' : plainText(change.before),
          after: change.after === undefined ? '—' : plainText(change.after),
          by: c.by ?? '—',
          when: local(c.recordedAt),
        })),
      ),
      refused: kase.state.refused.map((r) => ({ ...r, message: reasons.refused[r.decisionId] ?? r.message })),
      renderedAt: local(renderedAt),
      timezone,
    },
    options.fonts,
  );
}

function decisionRow(
  state: ProcessResult,
  steps: Map<string, StepInfo>,
  stageTitles: Map<string, string>,
  entry: CaseFileEntry,
  number: number,
) {
  const key = entry.step ?? '';
  const info = steps.get(key);
  const [stage, step] = key.split('.');
  const view = stage && step ? state.stages[stage]?.steps[step] : undefined;
  const decided = view?.decisionId === entry.decisionId;
  return {
    number,
    event: false,
    what: info?.title ?? key,
    stage: info ? (stageTitles.get(info.stage) ?? info.stage) : undefined,
    clause: info?.clause,
    step: key,
    standard: entry.standard?.id,
    version: entry.standard?.version,
    digest: entry.standard?.digest,
    outcome: outcomeText(entry.result),
    status: statusOf(entry.result),
    done: decided && view?.state === 'done',
    who: entry.by ?? '—',
    decisionId: entry.decisionId,
  };
}

/** A checklist's status (pass, fail, incomplete), shown as a status. */
function statusOf(result: unknown): string | undefined {
  const status = (result as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : undefined;
}

/** What a step's decision said, in a few words: a ruleset's outputs, a fee schedule's total. */
function outcomeText(result: unknown): string {
  if (result === null || typeof result !== 'object') return '';
  const r = result as { outputs?: unknown; totals?: { total?: unknown } };
  if (r.outputs !== undefined) return thenText(r.outputs);
  if (r.totals?.total !== undefined) return `total: ${String(r.totals.total)}`;
  return '';
}

interface StageData {
  id: string;
  title?: unknown;
  clause?: unknown;
  steps?: { id: string; title?: unknown }[];
}

function stagesOf(doc: CompiledDocument): StageData[] {
  return (doc.data.stages ?? []) as StageData[];
}

function stepsOf(doc: CompiledDocument, lang: ReportLang): Map<string, StepInfo> {
  const out = new Map<string, StepInfo>();
  for (const stage of stagesOf(doc)) {
    const clause = clauseText(stage.clause);
    for (const step of stage.steps ?? []) {
      const title = textIn(step.title, lang);
      out.set(`${stage.id}.${step.id}`, {
        stage: stage.id,
        ...(title !== undefined ? { title } : {}),
        ...(clause !== undefined ? { clause } : {}),
      });
    }
  }
  return out;
}

function stageTitlesOf(doc: CompiledDocument, lang: ReportLang): Map<string, string> {
  return new Map(stagesOf(doc).map((s) => [s.id, textIn(s.title, lang) ?? s.id]));
}

function eventTitlesOf(doc: CompiledDocument, lang: ReportLang): Map<string, string> {
  const events = (doc.data.events ?? {}) as Record<string, { title?: unknown } | null>;
  return new Map(Object.entries(events).map(([id, e]) => [id, textIn(e?.title, lang) ?? id]));
}
