/**
 * The decision page's replay button: asks the API to evaluate the recorded input again with the
 * recorded version, then shows whether the result is identical and the explanation, line by line.
 */
import { errorOf, pageData, say, send, showLines } from './api.ts';

interface Data {
  decisionId: string;
  messages: Record<string, string>;
}

interface ExplainEntry {
  type?: string;
  id?: string;
  applied?: boolean;
  clause?: string;
  reason?: string;
  text?: string;
}

const data = pageData<Data>();
const button = document.getElementById('replay-button') as HTMLButtonElement | null;
const out = document.getElementById('replay-result');

/** One explanation entry as a sentence: what it is, whether it applied, why, and its clause. */
function line(e: ExplainEntry): string {
  const what = [e.type, e.id].filter(Boolean).join(' ');
  const applied =
    e.applied === undefined ? '' : ` — ${say(data.messages, e.applied ? 'applied' : 'notApplied')}`;
  const why = e.reason ? ` (${e.reason})` : '';
  const clause = e.clause ? ` · ${e.clause}` : '';
  const text = e.text ? ` ${e.text}` : '';
  return `${what}${text}${applied}${why}${clause}`;
}

button?.addEventListener('click', async () => {
  button.disabled = true;
  try {
    const res = await send(
      'POST',
      `/v1/decisions/${encodeURIComponent(data.decisionId)}/replay`,
      '{}',
      'application/json',
    );
    const error = errorOf(res.body);
    if (error) {
      showLines(out, [{ text: say(data.messages, 'failed', { why: error.message }), cls: 'warn' }]);
      return;
    }
    const identical = res.body.identical === true;
    const replayed = res.body.replayed as { explain?: ExplainEntry[] } | undefined;
    const explain = Array.isArray(replayed?.explain) ? replayed.explain : [];
    showLines(out, [
      {
        text: say(data.messages, identical ? 'identical' : 'different'),
        cls: identical ? 'ok big' : 'warn big',
      },
      ...explain.map((e) => ({ text: line(e) })),
    ]);
    out?.setAttribute('data-identical', String(identical));
  } finally {
    button.disabled = false;
  }
});
