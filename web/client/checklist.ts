/**
 * The checklist page: every answer is evaluated as it is given (POST …/evaluate with the version
 * pinned), each item shows its status, items the job makes N/A are set aside, the summary shows
 * the status, score and why it fails; submitting checks the whole list once more.
 */
import { errorOf, pageData, say, send, upload } from './api.ts';

interface ChecklistData {
  id: string;
  version: string;
  items: { key: string; text: string; answer: string }[];
  facts: { name: string; kind: 'enum' | 'boolean' | 'number' | 'text' }[];
  messages: Record<string, string>;
}

interface ItemResult {
  id: string;
  status: 'pass' | 'fail' | 'na' | 'missing';
  reason: string;
  severity: string;
}

interface ChecklistResult {
  status: 'pass' | 'fail' | 'incomplete';
  score: number;
  blocking: string[];
  items: ItemResult[];
}

const data = pageData<ChecklistData>();
const t = (key: string, vars?: Record<string, string | number>) => say(data.messages, key, vars);
const form = document.getElementById('checklist') as HTMLFormElement | null;
/** When each item was first answered: sequential sections need the order of the work. */
const answeredAt = new Map<string, string>();

function factsOf(): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const f of data.facts) {
    const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-fact="${f.name}"]`);
    if (!el) continue;
    if (f.kind === 'boolean') facts[f.name] = (el as HTMLInputElement).checked;
    else if (el.value === '') continue;
    else facts[f.name] = f.kind === 'number' ? Number(el.value) : el.value;
  }
  return facts;
}

function answersOf(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  // Who answered: recorded on every answer, as a checklist's `by`.
  const by = (document.getElementById('answered-by') as HTMLInputElement | null)?.value.trim();
  for (const item of data.items) {
    const box = document.querySelector<HTMLElement>(`[data-item="${item.key}"]`);
    if (!box || box.classList.contains('na')) continue;
    const value = answerIn(box, item.answer);
    if (value === undefined) continue;
    if (!answeredAt.has(item.key)) answeredAt.set(item.key, new Date().toISOString());
    const typed = box.querySelector<HTMLInputElement>('[data-evidence]')?.value.trim();
    // A photo is cited by the content hash POST /v1/evidence answered: the record holds the hash.
    const evidence = [box.dataset.photoHash, typed].filter((e): e is string => Boolean(e));
    answers[item.key] = {
      value,
      at: answeredAt.get(item.key),
      ...(by ? { by } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
    };
  }
  return answers;
}

function answerIn(box: HTMLElement, answer: string): unknown {
  if (answer === 'boolean') {
    const checked = box.querySelector<HTMLInputElement>('input[data-answer]:checked');
    return checked ? checked.value === 'true' : undefined;
  }
  const el = box.querySelector<HTMLInputElement | HTMLSelectElement>('[data-answer]');
  if (!el || el.value === '') return undefined;
  return answer === 'number' ? Number(el.value) : el.value;
}

let latest = 0;

/**
 * Evaluates the answers so far. Submitting names the work order as the decision's subject, so an
 * auditor finds the recorded decision by it; the answer's `decisionId` links to its record.
 */
async function evaluate(
  workOrder?: string,
): Promise<{ result: ChecklistResult; decisionId?: string } | undefined> {
  const ticket = ++latest;
  const subject = workOrder ? { subject: { type: 'work-order', id: workOrder } } : {};
  const body = JSON.stringify({ facts: factsOf(), answers: answersOf(), version: data.version, ...subject });
  const res = await send(
    'POST',
    `/v1/standards/${encodeURIComponent(data.id)}/evaluate`,
    body,
    'application/json',
  );
  if (ticket !== latest) return undefined;
  const error = errorOf(res.body);
  const status = document.getElementById('status');
  if (error) {
    if (status) status.textContent = `${t('checklist.status')}: ${error.message}`;
    return undefined;
  }
  const result = res.body.result as ChecklistResult;
  show(result);
  const decisionId = typeof res.body.decisionId === 'string' ? res.body.decisionId : undefined;
  return decisionId ? { result, decisionId } : { result };
}

function show(result: ChecklistResult): void {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = `${t('checklist.status')}: ${t(`result.${result.status}`)} · ${t('checklist.score', { score: result.score })}`;
    status.className = `big status-${result.status}`;
  }
  const why: string[] = [];
  for (const item of result.items) {
    const box = document.querySelector<HTMLElement>(`[data-item="${item.id}"]`);
    if (!box) continue;
    const badge = box.querySelector<HTMLElement>('[data-status]');
    if (badge) {
      badge.textContent = t(`result.${item.status}`);
      badge.className = `badge status-${item.status}`;
    }
    const na = item.status === 'na';
    box.classList.toggle('na', na);
    for (const input of box.querySelectorAll<HTMLInputElement>('input, select')) input.disabled = na;
    if (item.status === 'fail') {
      const text = data.items.find((i) => i.key === item.id)?.text ?? item.id;
      // A blocking item fails the list on its own, whatever the score: say so.
      const blocking = result.blocking.includes(item.id) ? ` · ${t(`severity.${item.severity}`)}` : '';
      why.push(`${text}: ${t(`reason.${item.reason}`)}${blocking}`);
    }
  }
  const block = document.getElementById('why-block');
  const list = document.getElementById('why');
  if (block && list) {
    block.hidden = why.length === 0;
    list.replaceChildren(
      ...why.map((w) => {
        const li = document.createElement('li');
        li.textContent = w;
        return li;
      }),
    );
  }
}

/** Keeps a chosen photo (POST /v1/evidence), shows it, and cites its hash in the item's answer. */
async function keepPhoto(input: HTMLInputElement): Promise<void> {
  const box = input.closest<HTMLElement>('[data-item]');
  const file = input.files?.[0];
  if (!box || !file) return;
  const status = box.querySelector<HTMLElement>('[data-photo-status]');
  const preview = box.querySelector<HTMLImageElement>('[data-photo-preview]');
  delete box.dataset.photoHash;
  if (status) status.textContent = t('checklist.photoUploading');
  const res = await upload('/v1/evidence', file);
  const error = errorOf(res.body);
  if (error || typeof res.body.hash !== 'string') {
    if (status)
      status.textContent = t('checklist.photoFailed', { why: error?.message ?? String(res.status) });
    if (preview) preview.hidden = true;
    soon();
    return;
  }
  if (preview) {
    // A data: URL, which the page's policy allows for images; the photo needs no second request.
    preview.src = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsDataURL(file);
    });
    preview.hidden = false;
  }
  // "Kept" only once the photo shows and its hash is cited: a reader who sees the word sees the photo.
  box.dataset.photoHash = res.body.hash;
  if (status) status.textContent = t('checklist.photoKept');
  soon();
}

let timer: ReturnType<typeof setTimeout> | undefined;
function soon(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void evaluate(), 120);
}

form?.addEventListener('input', (event) => {
  if (!(event.target as HTMLElement).matches('[data-photo]')) soon();
});
form?.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.matches('[data-photo]')) void keepPhoto(target);
  else soon();
});
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearTimeout(timer);
  const out = document.getElementById('submitted');
  const wo = (document.getElementById('work-order') as HTMLInputElement | null)?.value.trim() ?? '';
  const answered = await evaluate(wo || undefined);
  if (!out || !answered) return;
  const { result, decisionId } = answered;
  const missing = result.items.filter((i) => i.status === 'missing').length;
  const problem = !wo
    ? t('checklist.needsWo')
    : missing > 0
      ? `${missing} × ${t('result.missing')}`
      : undefined;
  out.textContent = problem
    ? t('checklist.notSubmitted', { why: problem })
    : t('checklist.submitted', {
        wo,
        status: t(`result.${result.status}`),
        score: result.score,
        v: data.version,
      });
  out.className = problem ? 'warn' : result.status === 'pass' ? 'ok' : 'warn';
  const link = document.getElementById('submitted-record') as HTMLAnchorElement | null;
  if (link) {
    link.hidden = problem !== undefined || !decisionId;
    if (decisionId) link.href = `/records/${encodeURIComponent(decisionId)}`;
  }
});
void evaluate();
