/** @jsxImportSource hono/jsx */
/** Small pieces the pages share: status badges, kind names, values as readable tables. */
import { describeCondition, localTimeFormatter } from '../../engine/index.ts';
import { textIn } from '../lang.ts';
import { isMessageKey } from '../messages.ts';
import { valueText } from '../views/decision-table.ts';
import { type PageContext, tr } from './layout.tsx';

/** A label for an engine code (`status.approved`, `kind.ruleset`), the code itself when unlabelled. */
export function label(page: PageContext, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? tr(page, key) : code;
}

export function StatusBadge(props: { page: PageContext; status: string }) {
  return <span class={`badge status-${props.status}`}>{label(props.page, 'status', props.status)}</span>;
}

export function SeverityBadge(props: { page: PageContext; severity: string }) {
  return (
    <span class={`badge severity-${props.severity}`}>{label(props.page, 'severity', props.severity)}</span>
  );
}

/** A list of mappings as a table: one column per key, conditions in words, nested lists inline. */
export function DataTable(props: { page: PageContext; rows: unknown[]; caption?: string }) {
  const rows = props.rows.filter(isMapping);
  if (rows.length === 0) return <p>{props.rows.map((r) => valueText(r)).join(', ')}</p>;
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return (
    <div class="scroll" tabindex={0}>
      <table>
        {props.caption ? <caption>{props.caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) => (
                <td>
                  <Value page={props.page} name={c} value={row[c]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One value as a person reads it: a condition in words, a list of mappings as a table. */
export function Value(props: { page: PageContext; name: string; value: unknown }) {
  const { value, name, page } = props;
  if (value === undefined) return <span />;
  if (name === 'when' || name === 'unless') return <span>{describeCondition(value)}</span>;
  if (Array.isArray(value) && value.some(isMapping)) return <DataTable page={page} rows={value} />;
  if (isMapping(value) && ('zh' in value || 'en' in value)) return <span>{textIn(page.lang, value)}</span>;
  if (isMapping(value)) {
    return (
      <dl class="pairs">
        {Object.entries(value).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>
              <Value page={page} name={k} value={v} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  if (typeof value === 'boolean') return <span>{tr(page, value ? 'common.yes' : 'common.no')}</span>;
  return <span>{valueText(value)}</span>;
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * What a search page says above its results: why the query was refused, if it was, and how many
 * it found (announced to screen readers as it changes), in the page's `<prefix>.*` messages.
 */
export function SearchSummary(props: {
  page: PageContext;
  prefix: 'cases' | 'records';
  problem?: string | undefined;
  n: number;
}) {
  const { page, prefix, problem, n } = props;
  return (
    <>
      {problem ? (
        <p class="warn" role="alert">
          {tr(page, `${prefix}.badQuery`, { why: problem })}
        </p>
      ) : null}
      <p class="count" aria-live="polite">
        {n === 0 ? tr(page, `${prefix}.none`) : tr(page, `${prefix}.count`, { n })}
      </p>
    </>
  );
}

const minutes = localTimeFormatter();
const seconds = localTimeFormatter(undefined, { seconds: true });

/**
 * An instant as the reader's clock shows it (the standard's time zone, Asia/Shanghai), to the
 * minute or the second; the exact UTC instant stays in `datetime` and the tooltip.
 */
export function LocalTime(props: { at: string | undefined; seconds?: boolean }) {
  if (props.at === undefined) return <>—</>;
  return (
    <time datetime={props.at} title={props.at}>
      {(props.seconds ? seconds : minutes)(props.at)}
    </time>
  );
}
