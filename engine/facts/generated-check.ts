import { regexOf } from '../conditions/regex.ts';
import { directCheck, FORMATS, type Proof } from './direct-check.ts';
import type { FactSchema } from './types.ts';

/**
 * `directCheck`'s proof as specialised JavaScript source, for served documents (as generated
 * conditions are): one function per input schema, with every test inline, so that a request
 * whose facts fit needs neither the proof's closures nor ajv. It decides exactly as `directCheck`
 * does on every JSON value, and never says yes where ajv says no (direct-check.test.ts); a value it
 * does not prove goes to ajv, which decides and explains. Undefined for a schema outside the
 * proof's subset, or where code cannot be generated (`--disallow-code-generation-from-strings`).
 *
 * As in conditions/generate.ts, the source never holds a document value: names, enum values,
 * bounds, formats and expressions are constants passed in, named only by their index.
 */
export function generatedCheck(schema: FactSchema): Proof | undefined {
  if (directCheck(schema) === undefined) return undefined;
  const w = new CheckWriter();
  const body = w.node(schema, 'v', '  ');
  const source = `"use strict";\nconst isArray = Array.isArray, hasOwn = Object.hasOwn, isFinite = Number.isFinite, isInteger = Number.isInteger;\nconst getPrototypeOf = Object.getPrototypeOf, ObjectPrototype = Object.prototype;\n${w.prelude()}\nreturn function (v) {\n${body}  return true;\n};`;
  try {
    // Built from the schema's structure only; every value comes in through `k`.
    return new Function('k', source)(w.constants) as Proof;
  } catch {
    return undefined;
  }
}

/** Writes the statements of one schema node: each test that fails returns false. */
class CheckWriter {
  readonly constants: unknown[] = [];
  private vars = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  prelude(): string {
    return this.constants.map((_, i) => `const c${i} = k[${i}];`).join('\n');
  }

  /** Statements checking the value in variable `v` against `schema` (in directCheck's subset). */
  node(schema: FactSchema, v: string, indent: string): string {
    let out = '';
    const fail = (test: string) => {
      out += `${indent}if (${test}) return false;\n`;
    };
    if (schema.type !== undefined) {
      const names = typeof schema.type === 'string' ? [schema.type] : schema.type;
      fail(`!(${names.map((t) => typeTest(t, v)).join(' || ')})`);
    }
    if (schema.enum !== undefined) {
      // directCheck's `indexOf` over plain values: strict equality with each.
      fail(`!(${schema.enum.map((e) => `${v} === ${this.constant(e)}`).join(' || ')})`);
    }
    if (schema.minimum !== undefined || schema.maximum !== undefined) {
      const bounds = [`isFinite(${v})`];
      if (schema.minimum !== undefined) bounds.push(`${v} >= ${this.constant(schema.minimum)}`);
      if (schema.maximum !== undefined) bounds.push(`${v} <= ${this.constant(schema.maximum)}`);
      fail(`typeof ${v} === 'number' && !(${bounds.join(' && ')})`);
    }
    if (schema.format !== undefined) {
      fail(`typeof ${v} === 'string' && !${this.constant(FORMATS[schema.format as string])}(${v})`);
    }
    if (schema.pattern !== undefined) {
      fail(`typeof ${v} === 'string' && !${this.constant(regexOf(schema.pattern))}.test(${v})`);
    }
    if (schema.properties !== undefined || schema.required !== undefined) {
      out += `${indent}if (${v} !== null && typeof ${v} === 'object' && !isArray(${v})) {\n`;
      // Names not on Object.prototype are read without an own-property check, which is sound
      // on objects whose prototype is Object.prototype or none (JSON's, and norma's copies).
      // Any other object is not proved here: ajv decides.
      out += `${indent}  if (getPrototypeOf(${v}) !== ObjectPrototype && getPrototypeOf(${v}) !== null) return false;\n`;
      out += this.object(schema, v, `${indent}  `);
      out += `${indent}}\n`;
    }
    if (schema.items !== undefined) {
      const i = this.name('i');
      const el = this.name('v');
      out += `${indent}if (isArray(${v})) for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\n`;
      out += `${indent}  const ${el} = ${v}[${i}];\n`;
      out += this.node(schema.items, el, `${indent}  `);
      out += `${indent}}\n`;
    }
    return out;
  }

  /** `required`, then each declared property present as ajv's `ownProperties` reads it. */
  private object(schema: FactSchema, v: string, indent: string): string {
    let out = '';
    for (const name of schema.required ?? []) {
      const key = this.constant(name);
      out += `${indent}if (${v}[${key}] === undefined${own(name, v, key, '||', '!')}) return false;\n`;
    }
    for (const [name, inner] of Object.entries(schema.properties ?? {})) {
      const key = this.constant(name);
      const p = this.name('v');
      out += `${indent}const ${p} = ${v}[${key}];\n`;
      out += `${indent}if (${p} !== undefined${own(name, v, key, '&&', '')}) {\n`;
      out += this.node(inner as FactSchema, p, `${indent}  `);
      out += `${indent}}\n`;
    }
    return out;
  }

  private name(prefix: string): string {
    return `${prefix}${this.vars++}`;
  }
}

function own(name: string, v: string, key: string, join: string, not: string): string {
  return name in Object.prototype ? ` ${join} ${not}hasOwn(${v}, ${key})` : '';
}

/** ajv's type checks, as directCheck's `isOfType`. */
function typeTest(name: string, v: string): string {
  switch (name) {
    case 'string':
      return `typeof ${v} === 'string'`;
    case 'number':
      return `(typeof ${v} === 'number' && isFinite(${v}))`;
    case 'integer':
      return `isInteger(${v})`;
    case 'boolean':
      return `typeof ${v} === 'boolean'`;
    case 'null':
      return `${v} === null`;
    case 'array':
      return `isArray(${v})`;
    default:
      return `(${v} !== null && typeof ${v} === 'object' && !isArray(${v}))`;
  }
}
