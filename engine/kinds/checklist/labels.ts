/** What a checklist's `labels:` may name (its choice items) and the codes of its results. */
import type { LabelSink } from '../../i18n/labels.ts';
import { listAt, mapAt } from '../common.ts';
import type { CompiledChecklist } from './compile.ts';

/** Each choice item by its key (`section.item`), with its choices. */
export function checklistLabelTargets(
  cl: CompiledChecklist,
): ReadonlyMap<string, readonly string[] | undefined> {
  const out = new Map<string, readonly string[] | undefined>();
  for (const item of cl.items) if (item.choices) out.set(item.key, item.choices.map(String));
  return out;
}

/** The status, and each item's status, reason and severity: engine codes. */
export function checklistLabelsIn(result: unknown, sink: LabelSink): void {
  const r = mapAt(result);
  sink.code('status', r.status);
  for (const raw of listAt(r.items)) {
    const item = mapAt(raw);
    sink.code('status', item.status);
    sink.code('reason', item.reason);
    sink.code('severity', item.severity);
  }
}
