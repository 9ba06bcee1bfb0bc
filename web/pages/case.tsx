/** @jsxImportSource hono/jsx */
/**
 * A work order's case: its stages in order, what is done (by which decision), blocked (why),
 * overdue (how late), and what comes next; then its timeline. Server-rendered from the case
 * service (records/cases.ts), over the same evaluation the API answers with.
 */
import type { CaseView } from '../../records/cases.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { LocalTime } from './parts.tsx';

/** A stage's or a step's title from the process document, else its id. */
export interface CaseTitles {
  process: string;
  stages: Record<string, { title: string; steps: Record<string, string> }>;
  /** Event and deadline titles in the page's language, where the process gives them. */
  events: Record<string, string>;
  deadlines: Record<string, string>;
}

type StateKey = 'done' | 'current' | 'pending' | 'blocked' | 'not-applicable';

function State(props: { page: PageContext; state: StateKey }) {
  return <span class={`badge state-${props.state}`}>{tr(props.page, `case.state.${props.state}`)}</span>;
}

/** Why stages and steps are not done, in the page's language (engine `caseReasons`). */
export interface CaseReasons {
  stages: Record<string, string>;
  steps: Record<string, string>;
  /** Why each refused decision was not taken, by decision id. */
  refused: Record<string, string>;
}

export function CasePage(props: {
  page: PageContext;
  kase: CaseView;
  titles: CaseTitles;
  reasons: CaseReasons;
}) {
  const { page, kase, titles, reasons } = props;
  const { state } = kase;
  const stageTitle = (id: string) => titles.stages[id]?.title ?? id;
  // A result's next actions and overdue deadlines carry the document-language title: the page's comes from the document.
  const own = (table: Record<string, string>, id: string) =>
    Object.hasOwn(table, id) ? table[id] : undefined;
  const stepTitle = (key: string) => {
    const [stage = '', step = ''] = key.split('.');
    return titles.stages[stage]?.steps[step];
  };
  const subject = `${kase.subject.type} ${kase.subject.id}`;
  return (
    <Layout page={page} title={`${tr(page, 'case.title')} ${kase.subject.id}`}>
      <h1>
        {tr(page, 'case.title')} {kase.subject.id}
      </h1>
      <p>{tr(page, 'case.intro', { subject, process: titles.process, version: kase.process.version })}</p>
      <p id="case-stage" class={state.complete ? 'ok' : ''}>
        {state.stage === null
          ? tr(page, 'case.complete')
          : tr(page, 'case.current', { stage: stageTitle(state.stage) })}
      </p>
      <p class="actions">
        <a href={`/v1/cases/${kase.caseId}/report`}>{tr(page, 'case.report')}</a>
      </p>

      <h2 id="next">{tr(page, 'case.next')}</h2>
      <ul id="case-next">
        {state.next.length === 0 ? <li>{tr(page, 'case.none')}</li> : null}
        {state.next.map((n) =>
          'step' in n ? (
            <li data-step={n.step}>
              {stepTitle(n.step) ?? n.title ?? n.step} <code>{n.standard}</code>
            </li>
          ) : (
            <li data-event={n.event}>
              {tr(page, 'case.nextEvent', { event: own(titles.events, n.event) ?? n.title ?? n.event })}
            </li>
          ),
        )}
      </ul>

      {state.overdue.length > 0 ? (
        <>
          <h2 id="overdue">{tr(page, 'case.overdue')}</h2>
          <ul id="case-overdue" class="warn">
            {state.overdue.map((o) => (
              <li data-deadline={o.deadline}>
                {tr(page, 'case.late', {
                  deadline: own(titles.deadlines, o.deadline) ?? o.title ?? o.deadline,
                  due: o.due,
                  minutes: o.lateMinutes,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="stages">{tr(page, 'case.stages')}</h2>
      <ol id="case-stages" class="stages">
        {Object.entries(state.stages).map(([id, stage]) => (
          <li data-stage={id} data-state={stage.state}>
            <strong>{stageTitle(id)}</strong> <State page={page} state={stage.state} />
            {stage.reason ? <p class="why">{reasons.stages[id] ?? stage.reason}</p> : null}
            <ul>
              {Object.entries(stage.steps).map(([stepId, step]) => (
                <li data-step={`${id}.${stepId}`} data-state={step.state}>
                  {titles.stages[id]?.steps[stepId] ?? stepId} <State page={page} state={step.state} />{' '}
                  <code>{step.standard}</code>
                  {step.decisionId ? (
                    <>
                      {' '}
                      <a href={href(`/records/${step.decisionId}`)}>{tr(page, 'case.decision')}</a>
                    </>
                  ) : null}
                  {step.reason ? <p class="why">{reasons.steps[`${id}.${stepId}`] ?? step.reason}</p> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>

      {state.refused.length > 0 ? (
        <>
          <h2 id="refused">{tr(page, 'case.refused')}</h2>
          <ul id="case-refused">
            {state.refused.map((r) => (
              <li>
                <code>{r.step}</code> {r.code}: {reasons.refused[r.decisionId] ?? r.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="timeline">{tr(page, 'case.timeline')}</h2>
      <ol id="case-timeline">
        {kase.history.map((e) => {
          const entry = e as {
            decisionId?: string;
            type?: string;
            time?: string;
            at?: string;
            standard?: { id: string; version?: string };
          };
          return entry.decisionId ? (
            <li>
              <LocalTime at={entry.at} seconds /> · {tr(page, 'case.decision')}{' '}
              <a href={href(`/records/${entry.decisionId}`)}>
                {entry.standard?.id} {entry.standard?.version ?? ''}
              </a>
            </li>
          ) : (
            <li>
              <LocalTime at={entry.time} seconds /> · {tr(page, 'case.event')} <code>{entry.type}</code>
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}
