/**
 * Units of amounts. A number that carries money declares its unit (`unit: CNY`, ISO 4217) and
 * `scale`, the power of ten of its minor unit (0 = yuan, 2 = fen), so that a total in fen is
 * never compared with an estimate in yuan: a 100× mistake that no value check can see, since
 * both are plain numbers. Two declared amounts compared in a condition must agree on both
 * (`unit_mismatch`, an error at load). A document that states units at all must state them for
 * every amount: a number in it that looks like money and declares no unit is a warning
 * (`unit_missing`). A document with no unit anywhere is not warned, so that documents written
 * before units keep loading as they did; the bundled standard is held to units in every newest
 * version by tests/standard/units.test.ts.
 */
import type { ParseContext } from '../conditions/parse.ts';
import { warning } from '../diagnostics.ts';
import { positionOf } from '../load/yaml.ts';
import type { ResolvedPath } from './scope.ts';
import type { FactSchema } from './types.ts';

/** The unit an amount declares: a currency and the power of ten of the unit counted. */
export interface Unit {
  unit: string;
  scale: number;
}

/** The unit a declaration states, if any; `scale` defaults to 0 (whole units). */
export function unitOf(schema: FactSchema | undefined): Unit | undefined {
  if (!schema || typeof schema.unit !== 'string') return undefined;
  return { unit: schema.unit, scale: typeof schema.scale === 'number' ? schema.scale : 0 };
}

/** How a unit reads in a message: `CNY (scale 2, fen)`. */
export function unitText(u: Unit | undefined): string {
  if (!u) return 'no unit';
  const minor =
    u.unit === 'CNY'
      ? ({ 0: ', yuan 元', 1: ', jiao 角', 2: ', fen 分' } as Record<number, string>)[u.scale]
      : '';
  return `${u.unit} (scale ${u.scale}${minor ?? ''})`;
}

/**
 * Why comparing `name` with `{ fact: ref }` mixes units, or undefined when it does not: both sides
 * declare no unit (nothing to check), or both declare the same unit and scale. One side with a unit
 * and the other without is refused too: an amount compared with a number of unknown unit is the
 * very mistake units exist to catch.
 */
export function unitMismatch(
  name: string,
  tested: ResolvedPath,
  ref: string,
  other: ResolvedPath,
): { message: string; hint: string } | undefined {
  const a = unitOf(tested.schema);
  const b = unitOf(other.schema);
  if (!a && !b) return undefined;
  if (a && b && a.unit === b.unit && a.scale === b.scale) return undefined;
  return {
    message: `\`${name}\` is in ${unitText(a)} and \`{ fact: ${ref} }\` in ${unitText(b)}: the comparison mixes units`,
    hint: 'declare both amounts in the same `unit` and `scale` (this standard counts money in integer fen: `unit: CNY, scale: 2`, names ending in `Fen`)',
  };
}

/** Fact and output names that read as money. */
const MONEY_NAME = /(Fen|Yuan|Total|Amount|Price)$/;
/**
 * Descriptions that state a money unit: 元, CNY, fen, yuan, or 分 as a unit (`单位为分`, `(分)`).
 * A bare 分 is not enough: it also means minutes (分钟), a score (评分) and a category (分类).
 */
const MONEY_DESCRIPTION = /元|单位为分|[(（]分[)）]|\bCNY\b|\bfen\b|\byuan\b/i;

/** Whether a numeric declaration named `name` looks like an amount of money. */
export function looksLikeMoney(name: string, schema: FactSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('number') && !types.includes('integer')) return false;
  return MONEY_NAME.test(name) || MONEY_DESCRIPTION.test(schema.description ?? '');
}

/**
 * In a document that declares a unit anywhere (facts or outputs), warns (`unit_missing`) at
 * every money-looking number that declares none.
 */
export function warnMissingUnits(doc: Record<string, unknown>, ctx: ParseContext): void {
  if (!declaresUnits(doc.facts) && !declaresUnits(doc.outputs)) return;
  warnIn(doc.facts, '/facts', ctx);
  warnIn(doc.outputs, '/outputs', ctx);
}

/** Whether any declaration of `declared`, at any depth, states a unit. */
function declaresUnits(declared: unknown): boolean {
  if (!declared || typeof declared !== 'object' || Array.isArray(declared)) return false;
  return Object.values(declared as Record<string, FactSchema>).some(
    (schema) =>
      !!schema &&
      typeof schema === 'object' &&
      (unitOf(schema) !== undefined ||
        declaresUnits(schema.properties) ||
        (!!schema.items && typeof schema.items === 'object' && declaresUnits(schema.items.properties))),
  );
}

/** Warns at each money-looking number without a unit in `declared`, at any depth, under `pointer`. */
function warnIn(declared: unknown, pointer: string, ctx: ParseContext): void {
  if (!declared || typeof declared !== 'object' || Array.isArray(declared)) return;
  for (const [name, schema] of Object.entries(declared as Record<string, FactSchema>)) {
    if (!schema || typeof schema !== 'object') continue;
    const at = `${pointer}/${name}`;
    if (looksLikeMoney(name, schema) && unitOf(schema) === undefined) {
      ctx.diagnostics.push(
        warning('unit_missing', `\`${name}\` looks like an amount of money and declares no unit`, {
          file: ctx.file,
          ...positionOf(ctx.map, at, 'key'),
          path: at,
          hint: 'add `unit: CNY` and `scale` (2 = integer fen, as every amount in this standard; 0 = yuan)',
        }),
      );
    }
    warnIn(schema.properties, `${at}/properties`, ctx);
    if (schema.items && typeof schema.items === 'object')
      warnIn(schema.items.properties, `${at}/items/properties`, ctx);
  }
}
