/** @jsxImportSource hono/jsx */
/**
 * One version of a document, readable rather than YAML: rules as a decision table, checklist
 * items as a form preview, scorecards and fee schedules as tables; its tests and coverage; its
 * history with approvals and changes; links to diff it with any other version.
 */
import {
  type CompiledDocument,
  type DocumentReport,
  describeCondition,
  type History,
} from '../../engine/index.ts';
import { textIn } from '../lang.ts';
import { decisionTable, valueText } from '../views/decision-table.ts';
import { clauseText } from '../views/standards.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { DataTable, isMapping, label, SeverityBadge, StatusBadge, Value } from './parts.tsx';

export interface DocumentPageInput {
  page: PageContext;
  doc: CompiledDocument;
  history: History;
  report: DocumentReport;
}

export function DocumentPage({ page, doc, history, report }: DocumentPageInput) {
  const title = textIn(page.lang, doc.data.title ?? doc.title);
  const base = `/standards/${encodeURIComponent(doc.id)}`;
  const other =
    history.versions.find((v) => v.version !== doc.version && v.inForce) ??
    history.versions.find((v) => v.version !== doc.version);
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <ul class="meta">
        <li class="id">{doc.id}</li>
        <li>{label(page, 'kind', doc.kind)}</li>
        <li>{tr(page, 'doc.version', { v: doc.version })}</li>
        <li>
          <StatusBadge page={page} status={doc.status} />
          {history.inForce === doc.version ? (
            <>
              {' '}
              <StatusBadge page={page} status="inForce" />
            </>
          ) : null}
        </li>
        <li>
          {doc.effective ? tr(page, 'doc.effective', { d: doc.effective }) : tr(page, 'doc.noEffective')}
        </li>
        {doc.approved ? (
          <li>{tr(page, 'doc.approvedBy', { by: doc.approved.by, at: doc.approved.at })}</li>
        ) : null}
        {doc.owner ? <li>{tr(page, 'doc.owner', { o: doc.owner })}</li> : null}
        {doc.clause ? <li>{tr(page, 'doc.clause', { c: clauseText(doc.clause) })}</li> : null}
      </ul>
      {doc.description ? (
        <p class="description">{textIn(page.lang, doc.data.description ?? doc.description)}</p>
      ) : null}
      <p class="actions">
        {other ? (
          <a class="button" href={href(`${base}/diff`, { from: other.version, to: doc.version })}>
            {tr(page, 'doc.diff')}
          </a>
        ) : null}
        {page.authoring ? (
          <a class="button" href={href(`${base}/edit`)}>
            {tr(page, 'doc.edit')}
          </a>
        ) : null}
        {doc.kind === 'checklist' ? (
          <a
            class="button"
            href={href(`${base}/fill`, { v: doc.version === history.inForce ? undefined : doc.version })}
          >
            {tr(page, 'doc.fill')}
          </a>
        ) : null}
      </p>
      {doc.warnings.length > 0 ? (
        <section aria-labelledby="warnings">
          <h2 id="warnings">{tr(page, 'doc.warnings')}</h2>
          <ul class="warnings">
            {doc.warnings.map((w) => (
              <li>
                {w.line ? `${tr(page, 'editor.line', { line: w.line })}: ` : ''}
                {w.message} <code>{w.code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Facts page={page} doc={doc} />
      <section aria-labelledby="content">
        <h2 id="content">{tr(page, 'doc.content')}</h2>
        <Content page={page} doc={doc} />
      </section>
      <Tests page={page} doc={doc} report={report} />
      <HistoryTable page={page} doc={doc} history={history} base={base} />
    </Layout>
  );
}

function Facts({ page, doc }: { page: PageContext; doc: CompiledDocument }) {
  const facts = isMapping(doc.data.facts) ? doc.data.facts : {};
  const names = Object.keys(facts);
  if (names.length === 0) return null;
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{tr(page, 'doc.facts')}</h2>
      <dl class="pairs facts">
        {names.map((name) => {
          const schema = isMapping(facts[name]) ? facts[name] : {};
          const type = Array.isArray(schema.enum) ? schema.enum.join(' | ') : valueText(schema.type);
          return (
            <>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>
                {schema.description ? `${textIn(page.lang, schema.description)} · ` : ''}
                {type}
              </dd>
            </>
          );
        })}
      </dl>
    </section>
  );
}

function Content({ page, doc }: { page: PageContext; doc: CompiledDocument }) {
  if (doc.kind === 'ruleset') return <DecisionTableView page={page} data={doc.data} />;
  if (doc.kind === 'checklist') return <ChecklistPreview page={page} data={doc.data} />;
  return <Tables page={page} data={doc.data} />;
}

function DecisionTableView({ page, data }: { page: PageContext; data: Record<string, unknown> }) {
  const table = decisionTable(data);
  return (
    <>
      <p>{tr(page, 'doc.hit', { h: table.hit })}</p>
      <div class="scroll" tabindex={0}>
        <table class="decision">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{tr(page, 'col.rule')}</th>
              {table.facts.map((f) => (
                <th scope="col" class="input">
                  <code>{f}</code>
                </th>
              ))}
              {table.other ? <th scope="col">{tr(page, 'col.otherwise')}</th> : null}
              {table.outputs.map((o) => (
                <th scope="col" class="output">
                  <code>{o}</code>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr data-rule={row.id}>
                <td>{i + 1}</td>
                <th scope="row">
                  {textIn(page.lang, row.title) || row.id}
                  <div class="id">
                    {row.id}
                    {row.clause ? ` · ${row.clause}` : ''}
                  </div>
                </th>
                {table.facts.map((f) => (
                  <td class="input">{row.tests[f] ?? '—'}</td>
                ))}
                {table.other ? <td>{row.other ?? '—'}</td> : null}
                {table.outputs.map((o) => (
                  <td class="output">{row.then[o] ?? ''}</td>
                ))}
              </tr>
            ))}
            {table.otherwise ? (
              <tr class="otherwise">
                <td />
                <th scope="row">{tr(page, 'doc.otherwise')}</th>
                {table.facts.map(() => (
                  <td class="input">—</td>
                ))}
                {table.other ? <td>—</td> : null}
                {table.outputs.map((o) => (
                  <td class="output">{table.otherwise?.[o] ?? ''}</td>
                ))}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ChecklistPreview({ page, data }: { page: PageContext; data: Record<string, unknown> }) {
  const sections = (Array.isArray(data.sections) ? data.sections : []).filter(isMapping);
  const pass = isMapping(data.pass) ? data.pass : {};
  return (
    <div class="form-preview">
      {pass.minScore !== undefined ? (
        <p>{tr(page, 'doc.passMark', { n: valueText(pass.minScore) })}</p>
      ) : null}
      {sections.map((section, n) => (
        <fieldset disabled>
          <legend>
            {tr(page, 'doc.section', { n: n + 1 })}: {textIn(page.lang, section.title)}
            {section.clause ? ` · ${clauseText(section.clause as string | string[])}` : ''}
            {section.order === 'sequential' ? ` · ${tr(page, 'doc.sequential')}` : ''}
          </legend>
          <ol>
            {(Array.isArray(section.items) ? section.items : []).filter(isMapping).map((item) => (
              <li class="item-preview">
                <span class="item-text">{textIn(page.lang, item.text)}</span>{' '}
                <SeverityBadge page={page} severity={String(item.severity ?? 'major')} />
                <span class="answer-kind">
                  {label(page, 'answer', String(item.answer ?? 'boolean'))}
                  {item.unit ? ` (${valueText(item.unit)})` : ''}
                  {item.expect !== undefined ? ` · ${expectText(String(item.id), item.expect)}` : ''}
                </span>
                {item.when !== undefined ? (
                  <span class="note">
                    {tr(page, 'col.appliesWhen')}: {describeCondition(item.when)}
                  </span>
                ) : null}
                {item.evidence && item.evidence !== 'none' ? (
                  <span class="note">
                    {tr(page, 'col.evidence')}: {label(page, 'evidence', String(item.evidence))}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </fieldset>
      ))}
    </div>
  );
}

/** An item's expectation in words: `at least 1.6` rather than `greaterThanInclusive: 1.6`. */
function expectText(id: string, expect: unknown): string {
  const text = describeCondition({ [id]: expect });
  return text.startsWith(`${id} `) ? text.slice(id.length + 1) : text;
}

const HEADER_FIELDS = new Set([
  'kind',
  'id',
  'version',
  'status',
  'effective',
  'title',
  'description',
  'clause',
  'owner',
  'approved',
  'change',
  'facts',
  'tests',
  'invariants',
]);

/** Scorecards, fee schedules and any other kind: each part of the document as a table. */
function Tables({ page, data }: { page: PageContext; data: Record<string, unknown> }) {
  const parts = Object.entries(data).filter(([k]) => !HEADER_FIELDS.has(k));
  return (
    <>
      {parts.map(([key, value]) => (
        <section class="part" aria-label={key}>
          <h3>
            <code>{key}</code>
          </h3>
          {Array.isArray(value) ? (
            <DataTable page={page} rows={value} />
          ) : (
            <Value page={page} name={key} value={value} />
          )}
        </section>
      ))}
    </>
  );
}

function Tests({ page, doc, report }: { page: PageContext; doc: CompiledDocument; report: DocumentReport }) {
  const tests = (Array.isArray(doc.data.tests) ? doc.data.tests : []).filter(isMapping);
  return (
    <section aria-labelledby="tests">
      <h2 id="tests">{tr(page, 'doc.tests')}</h2>
      <p class={report.ok ? 'ok' : 'warn'}>
        {tr(page, 'doc.testsSummary', {
          passed: report.tests.passed,
          total: report.tests.total,
          held: report.invariants.held,
          invariants: report.invariants.total,
        })}
      </p>
      <p>
        {tr(page, 'doc.coverage', { covered: report.coverage.exercised, total: report.coverage.total })}
        {report.coverage.uncovered.length > 0 ? (
          <span class="note">
            {tr(page, 'doc.uncovered', { list: report.coverage.uncovered.join(', ') })}
          </span>
        ) : null}
      </p>
      {report.findings.length > 0 ? (
        <>
          <h3>{tr(page, 'doc.findings')}</h3>
          <ul class="warnings">
            {report.findings.map((f) => (
              <li>
                {f.name}: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tests.length === 0 ? (
        <p>{tr(page, 'doc.noTests')}</p>
      ) : (
        <div class="scroll" tabindex={0}>
          <table class="tests">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'col.test')}</th>
                <th scope="col">{tr(page, 'col.at')}</th>
                <th scope="col">{tr(page, 'col.facts')}</th>
                <th scope="col">{tr(page, 'col.expect')}</th>
              </tr>
            </thead>
            <tbody>
              {tests.map((t) => (
                <tr>
                  <th scope="row">{textIn(page.lang, t.name)}</th>
                  <td>{valueText(t.at)}</td>
                  <td>
                    <Value page={page} name="facts" value={t.facts} />
                    {t.answers !== undefined ? <Value page={page} name="answers" value={t.answers} /> : null}
                  </td>
                  <td>
                    <Value page={page} name="expect" value={t.expect} />
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

function HistoryTable(props: { page: PageContext; doc: CompiledDocument; history: History; base: string }) {
  const { page, doc, history, base } = props;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{tr(page, 'doc.history')}</h2>
      <div class="scroll" tabindex={0}>
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{tr(page, 'col.version')}</th>
              <th scope="col">{tr(page, 'col.status')}</th>
              <th scope="col">{tr(page, 'col.effective')}</th>
              <th scope="col">{tr(page, 'col.approved')}</th>
              <th scope="col">{tr(page, 'col.change')}</th>
              <th scope="col">
                <span class="sr-only">{tr(page, 'doc.compare')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...history.versions].reverse().map((v) => (
              <tr class={v.version === doc.version ? 'current' : ''} data-version={v.version}>
                <th scope="row">
                  {v.version === doc.version ? (
                    v.version
                  ) : (
                    <a href={href(base, { v: v.version })}>{v.version}</a>
                  )}
                </th>
                <td>
                  <StatusBadge page={page} status={v.withheld ? 'withheld' : v.status} />
                  {v.inForce ? (
                    <>
                      {' '}
                      <StatusBadge page={page} status="inForce" />
                    </>
                  ) : null}
                  {v.lock ? (
                    <div class="note">{tr(page, 'doc.lockProblem', { p: v.lock.join(', ') })}</div>
                  ) : null}
                </td>
                <td>{v.effective ?? ''}</td>
                <td>{v.approved ? `${v.approved.by} · ${v.approved.at}` : ''}</td>
                <td>{v.change ?? ''}</td>
                <td>
                  {v.version === doc.version ? null : (
                    <a href={href(`${base}/diff`, { from: v.version, to: doc.version })}>
                      {tr(page, 'doc.compare')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
