import { didYouMean } from '../util/suggest.ts';
import { categoryOf, type FactCategory, type FactSchema } from './types.ts';

/** The facts a condition may name: the document's declarations, or an array element's properties. */
export interface Scope {
  /** Resolves a dotted path; an error message (and hint) when it names nothing declared. */
  resolve(path: readonly string[]): ResolvedPath | UnresolvedPath;
  /** Declared top-level names, for "did you mean". */
  names(): string[];
  /**
   * The syntax of a path in this scope, when it is not a fact path's (names of letters, digits and
   * `_`): a process result's stage and step ids may hold `-`.
   */
  paths?: RegExp;
}

export interface ResolvedPath {
  ok: true;
  schema: FactSchema | undefined;
  category: FactCategory;
}

export interface UnresolvedPath {
  ok: false;
  code: 'ref_unknown_fact' | 'ref_through_list';
  message: string;
  hint?: string;
}

/** A scope over a map of declared schemas (a document's `facts`, or an object's `properties`). */
export function scopeOf(declared: Record<string, FactSchema>, what = 'fact'): Scope {
  return {
    names: () => Object.keys(declared),
    resolve(path) {
      const [head, ...rest] = path;
      if (head === undefined || !Object.hasOwn(declared, head)) {
        const hint = didYouMean(head ?? '', Object.keys(declared));
        return {
          ok: false,
          code: 'ref_unknown_fact',
          message: `unknown ${what} \`${head}\``,
          hint:
            hint ?? `declare it under \`facts:\` (declared: ${Object.keys(declared).join(', ') || 'none'})`,
        };
      }
      return walk(declared[head], [head], rest);
    },
  };
}

function walk(
  schema: FactSchema | undefined,
  done: string[],
  rest: readonly string[],
): ResolvedPath | UnresolvedPath {
  let current = schema;
  const seen = [...done];
  for (const part of rest) {
    const category = categoryOf(current);
    if (category === 'array') {
      return {
        ok: false,
        code: 'ref_through_list',
        message: `\`${seen.join('.')}\` is a list; a path cannot go through it`,
        hint: `use \`${seen.join('.')}: { some: { ${part}: … } }\` (or every, none)`,
      };
    }
    if (category === 'any' && !current?.properties) return { ok: true, schema: undefined, category: 'any' };
    const props = current?.properties ?? {};
    if (!Object.hasOwn(props, part)) {
      if (current?.additionalProperties !== false && category === 'any') {
        return { ok: true, schema: undefined, category: 'any' };
      }
      const hint = didYouMean(part, Object.keys(props));
      return {
        ok: false,
        code: 'ref_unknown_fact',
        message: `\`${seen.join('.')}\` has no property \`${part}\``,
        hint: hint ?? `its properties: ${Object.keys(props).join(', ') || 'none'}`,
      };
    }
    current = props[part];
    seen.push(part);
  }
  return { ok: true, schema: current, category: categoryOf(current) };
}

/** The scope inside `some`/`every`/`none`: the properties of the list's elements. */
export function elementScope(listSchema: FactSchema | undefined): Scope {
  const items = listSchema?.items;
  if (!items?.properties)
    return { names: () => [], resolve: () => ({ ok: true, schema: undefined, category: 'any' }) };
  return scopeOf(items.properties, 'property');
}
