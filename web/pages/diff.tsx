/** @jsxImportSource hono/jsx */
/**
 * What changed between two versions, for an auditor: changes grouped by what they mean, each
 * with the old and new wording side by side and the changed words marked; how often outcomes
 * change on generated inputs. Printable; never raw JSON.
 */
import type { Change, DiffReport, DiffView } from '../../engine/index.ts';
import { plainText } from '../views/decision-table.ts';
import { wordDiff } from '../views/word-diff.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { label } from './parts.tsx';

export interface DiffPageInput {
  page: PageContext;
  report: DiffReport;
  view: DiffView;
  title: string;
  versions: string[];
}

/** The changes by what they mean; the document's own tests apart, so they do not bury the rest. */
function groupsOf(
  report: DiffReport,
): { key: string; cls: Change['class']; tests: boolean; changes: Change[] }[] {
  const isCheck = (c: Change) => /^(tests|invariants)[[.]/.test(c.path);
  const groups = (['outcome', 'input', 'wording'] as const).map((cls) => ({
    key: cls,
    cls,
    tests: false,
    changes: report.semantic.changes.filter((c) => c.class === cls && !(cls === 'wording' && isCheck(c))),
  }));
  const checks = report.semantic.changes.filter((c) => c.class === 'wording' && isCheck(c));
  return [...groups, { key: 'tests', cls: 'wording' as const, tests: true, changes: checks }];
}

export function DiffPage({ page, report, view, title, versions }: DiffPageInput) {
  const heading = tr(page, 'diff.title', { id: title, from: view.from.version, to: view.to.version });
  const base = `/standards/${encodeURIComponent(view.id)}`;
  return (
    <Layout page={page} title={heading} script="diff">
      <h1>{heading}</h1>
      <form class="versions no-print" method="get" action={`${base}/diff`}>
        <label>
          {tr(page, 'diff.from')}
          <select name="from">
            {versions.map((v) => (
              <option value={v} selected={v === view.from.version}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr(page, 'diff.to')}
          <select name="to">
            {versions.map((v) => (
              <option value={v} selected={v === view.to.version}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{tr(page, 'diff.show')}</button>
        <button type="button" id="print">
          {tr(page, 'diff.print')}
        </button>
      </form>
      <p>
        <a href={href(base, { v: view.from.version })}>{view.from.version}</a> (
        {label(page, 'status', view.from.status)}
        {view.from.effective ? `, ${tr(page, 'doc.effective', { d: view.from.effective })}` : ''}) →{' '}
        <a href={href(base, { v: view.to.version })}>{view.to.version}</a> (
        {label(page, 'status', view.to.status)}
        {view.to.effective ? `, ${tr(page, 'doc.effective', { d: view.to.effective })}` : ''})
      </p>
      <p>{view.total === 0 ? tr(page, 'diff.none') : tr(page, 'diff.total', { n: view.total })}</p>
      {groupsOf(report)
        .filter((g) => g.changes.length > 0)
        .map((group) => (
          <section aria-labelledby={`group-${group.key}`} class={`group class-${group.cls}`}>
            <h2 id={`group-${group.key}`}>
              {group.tests ? `${tr(page, 'doc.tests')} · ` : ''}
              {label(page, 'diff.class', group.cls)} ({group.changes.length})
            </h2>
            <ul class="changes">
              {group.changes.map((c) => (
                <li class={`change op-${c.op}`}>
                  <div class="where">
                    <span class="badge">{label(page, 'diff.op', c.op)}</span>{' '}
                    <span class="path">{readablePath(c.path)}</span>
                  </div>
                  <Words page={page} {...valuesOf(c)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      {view.behaviour ? (
        <section aria-labelledby="behaviour">
          <h2 id="behaviour">{tr(page, 'diff.behaviour')}</h2>
          <p>
            {tr(page, 'diff.behaviourSummary', {
              runs: view.behaviour.generated.total,
              changed: view.behaviour.generated.changed,
              percent: view.behaviour.generated.percent,
              at: view.behaviour.at,
            })}
          </p>
          <ul>
            {view.behaviour.generated.transitions.map((t) => (
              <li>
                {tr(page, 'diff.transition', { label: t.label, count: t.count, percent: t.percent })}
                <div class="note">
                  {tr(page, 'diff.example', { input: exampleText(t.example), from: t.from, to: t.to })}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** A change's old and new values as text people read: positions for a move, never JSON. */
function valuesOf(c: Change): { before: string | undefined; after: string | undefined } {
  if (c.op === 'moved') return { before: `#${c.fromPosition}`, after: `#${c.toPosition}` };
  return {
    before: c.from === undefined ? undefined : plainText(c.from),
    after: c.to === undefined ? undefined : plainText(c.to),
  };
}

/** The old and new values with the changed words marked. */
function Words(props: { before: string | undefined; after: string | undefined; page: PageContext }) {
  const { before, after, page } = props;
  if (before === undefined && after === undefined) return null;
  const parts = wordDiff(before ?? '', after ?? '');
  return (
    <div class="words">
      {before !== undefined ? (
        <p class="was">
          <span class="tag">{tr(page, 'diff.was')}</span>{' '}
          {parts
            .filter((p) => p.op !== 'added')
            .map((p) => (p.op === 'removed' ? <del>{p.text}</del> : <span>{p.text}</span>))}
        </p>
      ) : null}
      {after !== undefined ? (
        <p class="now">
          <span class="tag">{tr(page, 'diff.now')}</span>{' '}
          {parts
            .filter((p) => p.op !== 'removed')
            .map((p) => (p.op === 'added' ? <ins>{p.text}</ins> : <span>{p.text}</span>))}
        </p>
      ) : null}
    </div>
  );
}

/** `rules[gm-over-20000].when.estimateTotal.greaterThan` as `rules › gm-over-20000 › when › …`. */
export function readablePath(path: string): string {
  return path
    .replace(/\[([^\]]+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
    .join(' › ');
}

/** A generated input as `estimateTotal = 25000, payType = customer`, not JSON. */
function exampleText(json: string): string {
  try {
    const value = JSON.parse(json) as unknown;
    const facts = (value as { facts?: unknown }).facts ?? value;
    if (facts && typeof facts === 'object') {
      return Object.entries(facts as Record<string, unknown>)
        .map(([k, v]) => `${k} = ${plainText(v)}`)
        .join(', ');
    }
  } catch {
    // Not JSON: shown as it is.
  }
  return json;
}
