import type { Position } from '../diagnostics.ts';
import type { OperatorName } from './operators.ts';

/** Where a condition node was written: its JSON pointer in the document and its position. */
export interface Origin {
  pointer: string;
  line: number;
  col: number;
}

/** A value an operator compares with. */
export type Operand =
  | { kind: 'literal'; value: unknown }
  /**
   * Another fact, by path (relative to the list element inside some/every/none); `hours` shifts
   * a date-time fact's instant by whole hours (date operators only).
   */
  | { kind: 'fact'; path: string[]; hours?: number }
  /** The evaluation date, shifted by whole days or calendar years (both 0 for `$at` itself). */
  | { kind: 'at'; days: number; years: number }
  /** The window [$at − days, $at] of `withinDays`. */
  | { kind: 'window'; days: number };

/** A parsed condition: the one form that both evaluators compile from. */
export type Cond =
  | { type: 'all'; id: number; items: Cond[]; origin: Origin }
  | { type: 'any'; id: number; items: Cond[]; origin: Origin }
  | { type: 'not'; id: number; item: Cond; origin: Origin }
  | { type: 'test'; id: number; path: string[]; op: OperatorName; operand: Operand; origin: Origin }
  | {
      type: 'quantifier';
      id: number;
      q: 'some' | 'every' | 'none';
      path: string[];
      item: Cond;
      origin: Origin;
    };

/** A condition that always holds (an absent `when`). */
export function alwaysTrue(origin: Origin, id: number): Cond {
  return { type: 'all', id, items: [], origin };
}

/** Makes an origin from a pointer and a position. */
export function originOf(pointer: string, pos: Position): Origin {
  return { pointer, line: pos.line, col: pos.col };
}

/** Every fact path a condition reads (top-level names), for reports and generators. */
export function factsRead(cond: Cond, out = new Set<string>()): Set<string> {
  switch (cond.type) {
    case 'all':
    case 'any':
      for (const c of cond.items) factsRead(c, out);
      break;
    case 'not':
      factsRead(cond.item, out);
      break;
    case 'test':
      out.add(cond.path.join('.'));
      if (cond.operand.kind === 'fact') out.add(cond.operand.path.join('.'));
      break;
    case 'quantifier':
      out.add(cond.path.join('.'));
      break;
  }
  return out;
}
