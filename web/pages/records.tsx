/** @jsxImportSource hono/jsx */
/**
 * The auditor's pages: decision records found by work order, vehicle, standard, version, outcome
 * and time (keyset pages, exports of the same search); one decision with its input, result,
 * matched rules, version, retention and place in the chain, and a replay; the chain verification.
 * Records come through RecordsService, masked as the signed-in caller may see them.
 */
import type { StoredRecord, VerifyReport } from '../../records/store.ts';
import { evidenceHashes, type InputRow, inputRows, type Search, withSearch } from '../views/records.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { LocalTime, SearchSummary, Value } from './parts.tsx';

const SUBJECT_TYPES = ['work-order', 'vehicle'] as const;

/** The auditor's pages, linked from each of them. */
export function RecordsNav(props: { page: PageContext }) {
  const { page } = props;
  return (
    <p class="actions records-nav">
      <a href="/records">{tr(page, 'records.title')}</a> ·{' '}
      <a href="/cases">{tr(page, 'records.casesLink')}</a> ·{' '}
      <a href="/records/verify">{tr(page, 'records.verifyLink')}</a> ·{' '}
      <a href="/records/holds">{tr(page, 'records.holdsLink')}</a> ·{' '}
      <a href="/records/purge">{tr(page, 'records.purgeLink')}</a>
    </p>
  );
}

/** Records off, or a caller without `records:read`: the page says which. */
export function RecordsUnavailablePage(props: { page: PageContext; reason: 'off' | 'forbidden' }) {
  const { page } = props;
  return (
    <Layout page={page} title={tr(page, 'records.title')}>
      <h1>{tr(page, 'records.title')}</h1>
      <p class="warn" id="records-unavailable">
        {tr(page, props.reason === 'off' ? 'records.off' : 'records.forbidden')}
      </p>
    </Layout>
  );
}

export function RecordsSearchPage(props: {
  page: PageContext;
  search: Search;
  records: StoredRecord[];
  next?: string | undefined;
  paged: boolean;
  problem?: string | undefined;
}) {
  const { page, search, records } = props;
  const field = (name: keyof Search, key: Parameters<typeof tr>[1], type = 'text') => (
    <p class="field">
      <label for={`f-${name}`}>{tr(page, key)}</label>
      <input id={`f-${name}`} name={name} type={type} value={search[name] ?? ''} />
    </p>
  );
  return (
    <Layout page={page} title={tr(page, 'records.title')}>
      <h1>{tr(page, 'records.title')}</h1>
      <p>{tr(page, 'records.intro')}</p>
      <RecordsNav page={page} />
      <search>
        <form class="records-search" method="get" action="/records">
          <p class="field">
            <label for="f-subjectType">{tr(page, 'records.subjectType')}</label>
            <select id="f-subjectType" name="subjectType">
              <option value="" selected={!search.subjectType}>
                {tr(page, 'records.subject.any')}
              </option>
              {SUBJECT_TYPES.map((t) => (
                <option value={t} selected={search.subjectType === t}>
                  {tr(page, `records.subject.${t}`)}
                </option>
              ))}
            </select>
          </p>
          {field('subjectId', 'records.subjectId')}
          {field('standard', 'records.standard')}
          {field('version', 'records.version')}
          {field('outcome', 'records.outcome')}
          {field('since', 'records.since', 'date')}
          {field('until', 'records.until', 'date')}
          <p>
            <button type="submit">{tr(page, 'records.search')}</button>
          </p>
        </form>
      </search>
      <SearchSummary page={page} prefix="records" problem={props.problem} n={records.length} />
      {records.length > 0 ? (
        <div class="scroll" tabindex={0}>
          <table class="records">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'records.col.recordedAt')}</th>
                <th scope="col">{tr(page, 'records.col.subject')}</th>
                <th scope="col">{tr(page, 'records.col.standard')}</th>
                <th scope="col">{tr(page, 'records.col.outcome')}</th>
                <th scope="col">{tr(page, 'records.col.caller')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr data-decision={r.decisionId}>
                  <td>
                    <a href={`/records/${r.decisionId}`}>
                      <LocalTime at={r.recordedAt} seconds />
                    </a>
                  </td>
                  <td>{r.subject ? `${subjectLabel(page, r.subject.type)} ${r.subject.id}` : '—'}</td>
                  <td>{`${r.standard.id} ${r.standard.version}`}</td>
                  <td>{r.outcome ?? '—'}</td>
                  <td>{r.caller ?? tr(page, 'record.open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p class="actions">
        {props.paged ? <a href={withSearch('/records', search)}>{tr(page, 'records.first')}</a> : null}
        {props.next ? (
          <>
            {props.paged ? ' · ' : ''}
            <a id="next-page" rel="next" href={withSearch('/records', search, { after: props.next })}>
              {tr(page, 'records.next')}
            </a>
          </>
        ) : null}
      </p>
      <p class="actions" id="exports">
        {tr(page, 'records.export')}{' '}
        <a href={withSearch('/v1/records/export', search, { format: 'jsonl' })}>
          {tr(page, 'records.exportJsonl')}
        </a>{' '}
        ·{' '}
        <a href={withSearch('/v1/records/export', search, { format: 'csv' })}>
          {tr(page, 'records.exportCsv')}
        </a>
      </p>
    </Layout>
  );
}

function subjectLabel(page: PageContext, type: string): string {
  return (SUBJECT_TYPES as readonly string[]).includes(type)
    ? tr(page, `records.subject.${type as (typeof SUBJECT_TYPES)[number]}`)
    : type;
}

function InputTable(props: { page: PageContext; caption: string; rows: InputRow[] }) {
  const { page } = props;
  return (
    <div class="scroll" tabindex={0}>
      <table class="input">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(page, 'record.name')}</th>
            <th scope="col">{tr(page, 'record.value')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.name}</th>
              <td>{r.masked ? <span class="badge masked">{tr(page, 'record.masked')}</span> : r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecordPage(props: { page: PageContext; record: StoredRecord }) {
  const { page, record } = props;
  const input = record.input as { facts?: unknown; answers?: unknown; masked?: unknown };
  const docLink = href(`/standards/${encodeURIComponent(record.standard.id)}`, {
    v: record.standard.version,
  });
  const photos = evidenceHashes(input.answers);
  const title = tr(page, 'record.title', { id: record.decisionId });
  const data = {
    decisionId: record.decisionId,
    messages: {
      identical: tr(page, 'record.replayIdentical'),
      different: tr(page, 'record.replayDifferent'),
      failed: tr(page, 'record.replayFailed'),
      applied: tr(page, 'record.applied'),
      notApplied: tr(page, 'record.notApplied'),
    },
  };
  return (
    <Layout page={page} title={title} script="record" data={data}>
      <h1>{title}</h1>
      <RecordsNav page={page} />
      <section aria-labelledby="summary">
        <h2 id="summary">{tr(page, 'record.summary')}</h2>
        <dl class="pairs" id="record-summary">
          <dt>{tr(page, 'record.standard')}</dt>
          <dd>
            <a href={docLink}>{`${record.standard.id} ${record.standard.version}`}</a>
          </dd>
          <dt>{tr(page, 'record.digest')}</dt>
          <dd>
            <a href={docLink}>
              <code>{record.standard.digest}</code>
            </a>
          </dd>
          <dt>{tr(page, 'record.kind')}</dt>
          <dd>{record.kind}</dd>
          <dt>{tr(page, 'record.outcome')}</dt>
          <dd id="record-outcome">{record.outcome ?? '—'}</dd>
          <dt>{tr(page, 'record.recordedAt')}</dt>
          <dd>{record.recordedAt}</dd>
          <dt>{tr(page, 'record.at')}</dt>
          <dd>{record.at}</dd>
          <dt>{tr(page, 'record.caller')}</dt>
          <dd>{record.caller ?? tr(page, 'record.open')}</dd>
          <dt>{tr(page, 'record.subject')}</dt>
          <dd id="record-subject">
            {record.subject ? `${subjectLabel(page, record.subject.type)} ${record.subject.id}` : '—'}
          </dd>
          {record.caseId ? (
            <>
              <dt>{tr(page, 'record.case')}</dt>
              <dd>
                <a href={href(`/cases/${record.caseId}`)}>{record.caseId}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="input">
        <h2 id="input">{tr(page, 'record.input')}</h2>
        {typeof input.masked === 'string' ? (
          <p class="warn">{tr(page, 'record.maskedAll', { why: input.masked })}</p>
        ) : (
          <>
            <InputTable page={page} caption={tr(page, 'record.facts')} rows={inputRows(input.facts)} />
            {input.answers !== undefined ? (
              <InputTable page={page} caption={tr(page, 'record.answers')} rows={inputRows(input.answers)} />
            ) : null}
          </>
        )}
      </section>
      {photos.length > 0 ? (
        <section aria-labelledby="evidence">
          <h2 id="evidence">{tr(page, 'record.evidence')}</h2>
          <ul class="photos">
            {photos.map((p) => (
              <li>
                <figure>
                  <img
                    src={`/v1/evidence/${p.hash}`}
                    alt={tr(page, 'record.photo', { item: p.item })}
                    data-evidence-hash={p.hash}
                  />
                  <figcaption>
                    {p.item} · <code>{p.hash.slice(0, 19)}…</code>
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="result">
        <h2 id="result">{tr(page, 'record.result')}</h2>
        <Value page={page} name="result" value={record.result} />
      </section>
      <section aria-labelledby="matched">
        <h2 id="matched">{tr(page, 'record.matched')}</h2>
        {record.matched.length > 0 ? (
          <MatchedTable page={page} matched={record.matched} />
        ) : (
          <p>{tr(page, 'common.none')}</p>
        )}
      </section>
      <section aria-labelledby="retention">
        <h2 id="retention">{tr(page, 'record.retention')}</h2>
        {record.retention ? (
          <dl class="pairs">
            <dt>{tr(page, 'record.retention.class')}</dt>
            <dd>{record.retention.recordClass}</dd>
            <dt>{tr(page, 'record.retention.until')}</dt>
            <dd>{record.retention.keepUntil ?? tr(page, 'record.retention.forever')}</dd>
            <dt>{tr(page, 'record.retention.from')}</dt>
            <dd>{record.retention.from}</dd>
            <dt>{tr(page, 'record.retention.by')}</dt>
            <dd>{record.retention.decidedBy.join(', ')}</dd>
          </dl>
        ) : (
          <p>{tr(page, 'record.retention.none')}</p>
        )}
      </section>
      <section aria-labelledby="chain">
        <h2 id="chain">{tr(page, 'record.chain')}</h2>
        <dl class="pairs">
          <dt>{tr(page, 'record.chain.writer')}</dt>
          <dd>{record.writer}</dd>
          <dt>{tr(page, 'record.chain.seq')}</dt>
          <dd>{record.seq}</dd>
          <dt>{tr(page, 'record.chain.hash')}</dt>
          <dd>
            <code>{record.hash}</code>
          </dd>
          <dt>{tr(page, 'record.chain.prev')}</dt>
          <dd>
            <code>{record.prevHash}</code>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="replay">
        <h2 id="replay">{tr(page, 'record.replay')}</h2>
        <p>{tr(page, 'record.replayIntro')}</p>
        <p>
          <button type="button" id="replay-button">
            {tr(page, 'record.replay')}
          </button>
        </p>
        <div id="replay-result" aria-live="polite" />
      </section>
    </Layout>
  );
}

/** What decided: each rule, item, band or price with its clause, title and message. */
function MatchedTable(props: { page: PageContext; matched: unknown[] }) {
  const { page } = props;
  const rows = props.matched.map((m) =>
    m !== null && typeof m === 'object' ? (m as Record<string, unknown>) : {},
  );
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  return (
    <div class="scroll" tabindex={0}>
      <table class="matched">
        <thead>
          <tr>
            <th scope="col">{tr(page, 'col.rule')}</th>
            <th scope="col">{tr(page, 'col.clause')}</th>
            <th scope="col">{tr(page, 'col.title')}</th>
            <th scope="col">{tr(page, 'record.message')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr>
              <td>
                <code>{text(m.rule)}</code>
              </td>
              <td>{text(m.clause)}</td>
              <td>{text(m.title)}</td>
              <td>{text(m.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VerifyPage(props: { page: PageContext; report: VerifyReport }) {
  const { page, report } = props;
  const broken = report.broken;
  return (
    <Layout page={page} title={tr(page, 'verify.title')}>
      <h1>{tr(page, 'verify.title')}</h1>
      <p>{tr(page, 'verify.intro')}</p>
      <RecordsNav page={page} />
      <p id="verify-status" class={report.ok ? 'big ok' : 'big warn'} role="status">
        {broken ? (
          <>
            {tr(page, 'verify.broken', {
              writer: broken.writer,
              seq: broken.seq,
              id: broken.decisionId,
              reason: broken.reason,
            })}{' '}
            <a href={`/records/${broken.decisionId}`}>{broken.decisionId}</a>
          </>
        ) : (
          tr(page, 'verify.ok')
        )}
      </p>
      <div class="scroll" tabindex={0}>
        <table class="chains">
          <thead>
            <tr>
              <th scope="col">{tr(page, 'verify.writer')}</th>
              <th scope="col">{tr(page, 'verify.records')}</th>
              <th scope="col">{tr(page, 'verify.head')}</th>
            </tr>
          </thead>
          <tbody>
            {report.chains.map((c) => (
              <tr class={broken?.writer === c.writer ? 'broken' : undefined}>
                <td>{c.writer}</td>
                <td>{c.records}</td>
                <td>
                  <code>{c.head ?? '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
