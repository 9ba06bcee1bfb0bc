/**
 * The holds and purge pages: placing a legal hold (POST /v1/records/holds), releasing one
 * (DELETE /v1/records/holds/{id}) and running a purge (POST /v1/records/purge, `dryRun: false`),
 * each with the session's CSRF token, as any client of the API; the page is then read again.
 */
import { errorOf, pageData, say, send, showLines } from './api.ts';

const data = pageData<{ messages: Record<string, string> }>();
const t = (key: string, vars?: Record<string, string | number>) => say(data.messages, key, vars);

/** The hold's target as the API takes it, from the form's type and id. */
function targetOf(type: string, id: string): Record<string, unknown> {
  if (type === 'decision') return { decisionId: id };
  if (type === 'case') return { caseId: id };
  return { subject: { type, id } };
}

document.getElementById('hold-form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(event.target as HTMLFormElement);
  const out = document.getElementById('holds-result');
  const body = JSON.stringify({
    target: targetOf(String(fields.get('type') ?? ''), String(fields.get('id') ?? '').trim()),
    reason: String(fields.get('reason') ?? '').trim(),
  });
  const res = await send('POST', '/v1/records/holds', body, 'application/json');
  const error = errorOf(res.body);
  if (error) return showLines(out, [{ text: t('holds.failed', { why: error.message }), cls: 'warn' }]);
  showLines(out, [{ text: t('holds.placed', { id: String(res.body.holdId) }), cls: 'ok' }]);
  location.reload();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-release]')) {
  button.addEventListener('click', async () => {
    const id = button.dataset.release ?? '';
    const out = document.getElementById('holds-result');
    const res = await send('DELETE', `/v1/records/holds/${encodeURIComponent(id)}`, '', 'application/json');
    const error = errorOf(res.body);
    if (error) return showLines(out, [{ text: t('holds.failed', { why: error.message }), cls: 'warn' }]);
    showLines(out, [{ text: t('holds.released', { id }), cls: 'ok' }]);
    location.reload();
  });
}

document.getElementById('purge-run')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const out = document.getElementById('purge-result');
  const approvals = [
    { name: form.dataset.admin ?? '', role: 'records-administrator' },
    { name: form.dataset.manager ?? '', role: 'after-sales-manager' },
  ].filter((a) => a.name !== '');
  const body = JSON.stringify({ approvals, dryRun: false });
  const res = await send('POST', '/v1/records/purge', body, 'application/json');
  const error = errorOf(res.body);
  if (error) return showLines(out, [{ text: t('purge.failed', { why: error.message }), cls: 'warn' }]);
  // Read again: the plan is now empty and the destruction log holds what was destroyed.
  const next = new URL(location.href);
  next.searchParams.set('destroyed', String(res.body.destroyable));
  location.assign(next.toString());
});
