/** @jsxImportSource hono/jsx */
/**
 * The records administrator's pages: the legal holds in place, placed and released with
 * `records:hold` (web/client/records-admin.ts posts to /v1/records/holds with the session's CSRF
 * token); and the purge by retention: a dry run shows what retention.records lets go and why the
 * rest is kept, a `records:purge` holder runs it, and the destruction log lists every tombstone.
 */
import type { PurgePlan } from '../../records/purge.ts';
import type { Destruction, LegalHold } from '../../records/store.ts';
import { messagesFor } from '../messages.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { LocalTime } from './parts.tsx';
import { RecordsNav } from './records.tsx';

export type ListedHold = LegalHold & { holdId: string };

const TARGET_TYPES = ['decision', 'work-order', 'vehicle', 'case'] as const;

/** What a hold covers, linked to where its records are. */
function HoldTarget(props: { page: PageContext; target: LegalHold['target'] }) {
  const { page, target } = props;
  if ('decisionId' in target) {
    return (
      <>
        {tr(page, 'holds.target.decision')}{' '}
        <a href={`/records/${encodeURIComponent(target.decisionId)}`}>{target.decisionId}</a>
      </>
    );
  }
  if ('caseId' in target) {
    return (
      <>
        {tr(page, 'holds.target.case')}{' '}
        <a href={`/cases/${encodeURIComponent(target.caseId)}`}>{target.caseId}</a>
      </>
    );
  }
  const { type, id } = target.subject;
  const name = type === 'work-order' || type === 'vehicle' ? tr(page, `holds.target.${type}`) : type;
  return (
    <>
      {name} <a href={href('/records', { subjectType: type, subjectId: id })}>{id}</a>
    </>
  );
}

function targetText(page: PageContext, target: LegalHold['target']): string {
  if ('decisionId' in target) return `${tr(page, 'holds.target.decision')} ${target.decisionId}`;
  if ('caseId' in target) return `${tr(page, 'holds.target.case')} ${target.caseId}`;
  const { type, id } = target.subject;
  return `${type === 'work-order' || type === 'vehicle' ? tr(page, `holds.target.${type}`) : type} ${id}`;
}

export function HoldsPage(props: { page: PageContext; holds: ListedHold[]; mayHold: boolean }) {
  const { page, holds, mayHold } = props;
  const data = { messages: messagesFor(page.lang, ['holds.', 'purge.']) };
  return (
    <Layout page={page} title={tr(page, 'holds.title')} script="records-admin" data={data}>
      <h1>{tr(page, 'holds.title')}</h1>
      <p>{tr(page, 'holds.intro')}</p>
      <RecordsNav page={page} />
      <p class="count" id="holds-count">
        {holds.length === 0 ? tr(page, 'holds.none') : tr(page, 'holds.count', { n: holds.length })}
      </p>
      {holds.length > 0 ? (
        <div class="scroll" tabindex={0}>
          <table class="holds">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'holds.col.target')}</th>
                <th scope="col">{tr(page, 'holds.col.reason')}</th>
                <th scope="col">{tr(page, 'holds.col.setBy')}</th>
                <th scope="col">{tr(page, 'holds.col.setAt')}</th>
                {mayHold ? <th scope="col">{tr(page, 'holds.col.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {holds.map((h) => (
                <tr data-hold={h.holdId}>
                  <td>
                    <HoldTarget page={page} target={h.target} />
                  </td>
                  <td>{h.reason}</td>
                  <td>{h.setBy}</td>
                  <td>
                    <LocalTime at={h.setAt} seconds />
                  </td>
                  {mayHold ? (
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        data-release={h.holdId}
                        aria-label={tr(page, 'holds.releaseLabel', { target: targetText(page, h.target) })}
                      >
                        {tr(page, 'holds.release')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div id="holds-result" role="status" aria-live="polite" />
      {mayHold ? (
        <section aria-labelledby="place-title">
          <h2 id="place-title">{tr(page, 'holds.place')}</h2>
          <form id="hold-form" class="records-search">
            <p class="field">
              <label for="hold-type">{tr(page, 'holds.targetType')}</label>
              <select id="hold-type" name="type">
                {TARGET_TYPES.map((t) => (
                  <option value={t}>{tr(page, `holds.target.${t}`)}</option>
                ))}
              </select>
            </p>
            <p class="field">
              <label for="hold-id">{tr(page, 'holds.targetId')}</label>
              <input id="hold-id" name="id" required maxlength={200} autocomplete="off" />
            </p>
            <p class="field">
              <label for="hold-reason">{tr(page, 'holds.reason')}</label>
              <input id="hold-reason" name="reason" required maxlength={500} autocomplete="off" />
            </p>
            <p>
              <button type="submit">{tr(page, 'holds.submit')}</button>
            </p>
          </form>
        </section>
      ) : (
        <p class="note" id="holds-read-only">
          {tr(page, 'holds.readOnly')}
        </p>
      )}
    </Layout>
  );
}

/** The approvers a purge page was asked with (`?admin=…&manager=…`). */
export interface PurgeApprovers {
  admin: string;
  manager: string;
}

export function PurgePage(props: {
  page: PageContext;
  approvers: PurgeApprovers;
  /** The dry run, when the caller may purge. */
  plan?: PurgePlan | undefined;
  log: Destruction[];
  /** How many the purge just run destroyed (`?destroyed=`). */
  destroyed?: number | undefined;
}) {
  const { page, plan, approvers, log } = props;
  const data = { messages: messagesFor(page.lang, ['holds.', 'purge.']) };
  return (
    <Layout page={page} title={tr(page, 'purge.title')} script="records-admin" data={data}>
      <h1>{tr(page, 'purge.title')}</h1>
      <p>{tr(page, 'purge.intro')}</p>
      <RecordsNav page={page} />
      {props.destroyed !== undefined ? (
        <p class="ok big" id="purge-done" role="status">
          {tr(page, 'purge.done', { n: props.destroyed })}
        </p>
      ) : null}
      {plan ? (
        <>
          <form id="purge-form" class="records-search" method="get" action="/records/purge">
            <fieldset>
              <legend>{tr(page, 'purge.approvals')}</legend>
              <p class="field">
                <label for="purge-admin">{tr(page, 'purge.admin')}</label>
                <input
                  id="purge-admin"
                  name="admin"
                  value={approvers.admin}
                  maxlength={64}
                  autocomplete="name"
                />
              </p>
              <p class="field">
                <label for="purge-manager">{tr(page, 'purge.manager')}</label>
                <input
                  id="purge-manager"
                  name="manager"
                  value={approvers.manager}
                  maxlength={64}
                  autocomplete="name"
                />
              </p>
            </fieldset>
            <p>
              <button type="submit" class="secondary" id="purge-preview">
                {tr(page, 'purge.preview')}
              </button>
            </p>
          </form>
          <PlanView page={page} plan={plan} approvers={approvers} />
        </>
      ) : (
        <p class="warn" id="purge-forbidden">
          {tr(page, 'purge.forbidden')}
        </p>
      )}
      <DestructionLog page={page} log={log} />
    </Layout>
  );
}

function PlanView(props: { page: PageContext; plan: PurgePlan; approvers: PurgeApprovers }) {
  const { page, plan, approvers } = props;
  const kept = Object.entries(plan.kept).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="plan-title" id="purge-plan" class="long-words">
      <h2 id="plan-title">{tr(page, 'purge.plan')}</h2>
      <p id="purge-summary">
        {tr(page, 'purge.summary', {
          by: plan.decidedBy ?? '—',
          at: plan.at,
          examined: plan.examined,
          n: plan.destroyable,
        })}
      </p>
      {!approvers.admin || !approvers.manager ? <p class="note">{tr(page, 'purge.noApprovals')}</p> : null}
      <h3>{tr(page, 'purge.destroyable')}</h3>
      {plan.entries.length === 0 ? (
        <p id="purge-nothing">{tr(page, 'purge.nothing')}</p>
      ) : (
        <div class="scroll" tabindex={0}>
          <table class="purge-entries">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'purge.col.decision')}</th>
                <th scope="col">{tr(page, 'purge.col.recordedAt')}</th>
                <th scope="col">{tr(page, 'purge.col.class')}</th>
                <th scope="col">{tr(page, 'purge.col.rule')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.entries.map((e) => (
                <tr data-destroyable={e.decisionId}>
                  <td>
                    <a href={`/records/${e.decisionId}`}>{e.decisionId}</a>
                  </td>
                  <td>
                    <LocalTime at={e.recordedAt} seconds />
                  </td>
                  <td>{e.recordClass ?? '—'}</td>
                  <td>
                    <code>{e.rule ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.truncated ? <p>{tr(page, 'purge.truncated', { n: plan.truncated })}</p> : null}
      <h3>{tr(page, 'purge.kept')}</h3>
      {kept.length === 0 ? (
        <p>—</p>
      ) : (
        <table class="purge-kept">
          <thead>
            <tr>
              <th scope="col">{tr(page, 'purge.col.reason')}</th>
              <th scope="col">{tr(page, 'purge.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {kept.map(([reason, n]) => (
              <tr data-kept={reason}>
                <td>
                  <code>{reason}</code>
                </td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.destroyable > 0 ? (
        <form id="purge-run" data-admin={approvers.admin} data-manager={approvers.manager}>
          <p>
            <label class="check">
              <input type="checkbox" id="purge-confirm" required />{' '}
              {tr(page, 'purge.confirm', { n: plan.destroyable })}
            </label>
          </p>
          <p>
            <button type="submit" class="danger">
              {tr(page, 'purge.run')}
            </button>
          </p>
          <div id="purge-result" role="status" aria-live="polite" />
        </form>
      ) : null}
    </section>
  );
}

function DestructionLog(props: { page: PageContext; log: Destruction[] }) {
  const { page, log } = props;
  return (
    <section aria-labelledby="log-title" class="long-words">
      <h2 id="log-title">{tr(page, 'purge.log')}</h2>
      {log.length === 0 ? (
        <p id="purge-log-none">{tr(page, 'purge.logNone')}</p>
      ) : (
        <div class="scroll" tabindex={0}>
          <table class="destructions">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'purge.col.decision')}</th>
                <th scope="col">{tr(page, 'purge.col.destroyedAt')}</th>
                <th scope="col">{tr(page, 'purge.col.class')}</th>
                <th scope="col">{tr(page, 'purge.col.rule')}</th>
                <th scope="col">{tr(page, 'purge.col.approvedBy')}</th>
                <th scope="col">{tr(page, 'purge.col.tombstone')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((d) => (
                <tr data-destroyed={d.decisionId}>
                  <td>
                    <code>{d.decisionId}</code>
                  </td>
                  <td>
                    <LocalTime at={d.destroyedAt} seconds />
                  </td>
                  <td>{d.recordClass}</td>
                  <td>
                    <code>{d.rule}</code>
                  </td>
                  <td>{d.approvals.join(', ')}</td>
                  <td>
                    {d.writer} · {d.seq} · <code>{d.hash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
