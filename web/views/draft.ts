/**
 * What the editor starts from: the latest version of a standard turned into the next draft
 * (next minor version, `status: draft`, no approval or effective date, an empty change note to
 * write), and the names the editor completes: the document's facts and outputs, and the operators.
 */
import { type CompiledDocument, readSchemas, yaml } from '../../engine/index.ts';

/** `1.2.0` → `1.3.0`; anything else gets `.1` appended. */
export function nextVersion(versions: readonly string[]): string {
  let best: [number, number] = [-1, -1];
  for (const v of versions) {
    const m = /^(\d+)\.(\d+)\.\d+/.exec(v);
    if (!m) continue;
    const mm: [number, number] = [Number(m[1]), Number(m[2])];
    if (mm[0] > best[0] || (mm[0] === best[0] && mm[1] > best[1])) best = mm;
  }
  return best[0] < 0 ? `${versions.at(-1) ?? '1.0'}.1` : `${best[0]}.${best[1] + 1}.0`;
}

/** The text of a new draft from `latest`, comments and layout kept. */
export function draftText(latest: CompiledDocument, version: string): string {
  const doc = yaml().parseDocument(latest.source);
  doc.set('version', version);
  doc.set('status', 'draft');
  doc.delete('approved');
  doc.delete('effective');
  doc.set('change', '');
  return doc.toString({ lineWidth: 0 });
}

/** Fact paths (`customer.tier`) the document declares, and its output names. */
export function namesOf(doc: CompiledDocument): { facts: string[]; outputs: string[] } {
  const facts: string[] = [];
  const walk = (schema: unknown, prefix: string) => {
    if (!schema || typeof schema !== 'object') return;
    const props = (schema as { properties?: Record<string, unknown> }).properties;
    for (const [name, sub] of Object.entries(props ?? {})) {
      facts.push(`${prefix}${name}`);
      walk(sub, `${prefix}${name}.`);
    }
  };
  const declared = (doc.data.facts ?? {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(declared)) {
    facts.push(name);
    walk(schema, `${name}.`);
  }
  const outputs = Object.keys((doc.data.outputs ?? {}) as Record<string, unknown>);
  return { facts, outputs };
}

let operatorCache: string[] | undefined;

/** The condition operators the schemas allow (`greaterThan`, `in`, `withinDays`, …). */
export function operators(): string[] {
  if (!operatorCache) {
    const schema = readSchemas().get('condition.schema.json') as
      | { $defs?: { operators?: { properties?: Record<string, unknown> } } }
      | undefined;
    operatorCache = Object.keys(schema?.$defs?.operators?.properties ?? {});
  }
  return operatorCache;
}
