import { describe, expect, it } from 'vitest';
import { NormaError } from '../../diagnostics.ts';
import { readInput } from '../../facts/input.ts';
import { DetailCollector } from '../../util/details.ts';
import { prepareChecklist } from './prepare.ts';
import { compileChecklistText, sample } from './testing.ts';

const { cl } = compileChecklistText(sample);

function details(answers: unknown) {
  const out = prepareChecklist(cl, { answers }, {});
  if (!(out instanceof NormaError)) throw new Error('expected answers_invalid');
  expect(out.code).toBe('answers_invalid');
  return out.details.map((d) => ({ code: d.code, path: d.path, hint: d.hint }));
}

describe('prepareChecklist', () => {
  it('returns the checked answers by key, with evidence defaulting to none', () => {
    const out = prepareChecklist(
      cl,
      { answers: { 'ppe.goggles': { value: true, by: 'T-12', at: '2026-03-01T09:12:00+08:00' } } },
      { jobType: 'maintenance' },
    );
    expect(out).not.toBeInstanceOf(NormaError);
    if (out instanceof NormaError) return;
    expect(out.facts).toEqual({ jobType: 'maintenance' });
    expect((out.extra as Map<string, unknown>).get('ppe.goggles')).toEqual({
      value: true,
      by: 'T-12',
      at: '2026-03-01T09:12:00+08:00',
      evidence: [],
    });
  });

  it('checks every `at`, whichever good or bad time came before it (the last good one is remembered)', () => {
    const good = '2026-03-01T09:12:00+08:00';
    for (const bad of ['2026-02-30T09:12:00+08:00', `${good} `, '2026-03-01']) {
      expect(
        prepareChecklist(cl, { answers: { 'ppe.goggles': { value: true, at: good } } }, {}),
      ).not.toBeInstanceOf(NormaError);
      expect(details({ 'ppe.goggles': { value: true, at: bad } }).map((d) => d.code)).toEqual([
        'answer_at_invalid',
      ]);
      expect(
        prepareChecklist(cl, { answers: { 'ppe.goggles': { value: true, at: good } } }, {}),
      ).not.toBeInstanceOf(NormaError);
    }
  });

  it('refuses unreadable answers exactly as the generic input walk does, wherever they hide', () => {
    const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
    const inherited = Object.create({ extra: deep(40) }) as Record<string, unknown>;
    inherited.value = true;
    const hidden = { x: deep(40) } as Record<string, unknown>;
    Object.defineProperty(hidden, 'value', { value: true, enumerable: false });
    const cases: unknown[] = [
      { 'ppe.goggles': { value: Number.POSITIVE_INFINITY } },
      { 'ppe.goggles': { value: true, by: Number.NaN } },
      { 'ppe.goggles': { value: true, evidence: ['a', Number.NEGATIVE_INFINITY] } },
      { 'ppe.goggles': { value: deep(40) } },
      { 'ppe.goggles': { value: true, extra: deep(40) } },
      { 'ppe.goggles': hidden },
      { 'ppe.nope': { value: true }, 'ppe.goggles': { value: true, at: deep(40) } },
      { 'ppe.goggles': [deep(40)] },
      // Objects of another prototype are read by their own enumerable keys, as the walk reads them.
      { 'ppe.goggles': Object.assign(Object.create(null), { value: Number.NaN }) },
      { 'ppe.goggles': Object.assign(new (class Answer {})(), { value: true, by: Number.NaN }) },
    ];
    for (const answers of cases) {
      const out = prepareChecklist(cl, { answers }, {});
      if (!(out instanceof NormaError)) throw new Error('expected answers_invalid');
      const walked = new DetailCollector();
      readInput(answers, '/answers', 'none', walked);
      expect(walked.count).toBeGreaterThan(0);
      expect(out.details).toEqual(walked.list());
    }
    // An enumerable inherited key is not read by the walk, and does not make an answer unreadable.
    expect(prepareChecklist(cl, { answers: { 'ppe.goggles': inherited } }, {})).not.toBeInstanceOf(
      NormaError,
    );
  });

  it('treats absent answers as none given', () => {
    const out = prepareChecklist(cl, {}, {});
    expect(out).not.toBeInstanceOf(NormaError);
    expect((out as { extra: Map<string, unknown> }).extra.size).toBe(0);
  });

  it('names an unknown item with its key and suggests the closest one', () => {
    expect(details({ 'ppe.gogles': { value: true } })).toEqual([
      { code: 'answer_unknown_item', path: '/answers/ppe.gogles', hint: 'did you mean `ppe.goggles`?' },
    ]);
    expect(details({ 'x/y': { value: true } })[0]).toMatchObject({
      path: '/answers/x~1y',
      hint: 'items are named `section.item`, e.g. `ppe.goggles`',
    });
  });

  it('reports a value of the wrong type for its item', () => {
    expect(details({ 'ppe.goggles': { value: 'yes' }, 'ppe.depth': { value: '1.6' } })).toEqual([
      { code: 'answer_type', path: '/answers/ppe.goggles', hint: '`ppe.goggles` takes a boolean answer' },
      { code: 'answer_type', path: '/answers/ppe.depth', hint: '`ppe.depth` takes a number answer in mm' },
    ]);
  });

  it('reports a choice outside the item choices with a suggestion', () => {
    expect(details({ 'ppe.fluid': { value: 'darl' } })).toEqual([
      { code: 'answer_choice', path: '/answers/ppe.fluid', hint: 'did you mean `dark`?' },
    ]);
  });

  it('requires `at` to be an ISO date-time, not a plain date', () => {
    expect(details({ 'ppe.goggles': { value: true, at: '2026-03-01' } })).toEqual([
      { code: 'answer_at_invalid', path: '/answers/ppe.goggles', hint: 'e.g. 2026-03-01T09:12:00+08:00' },
    ]);
  });

  it('reports answers of the wrong shape', () => {
    expect(details({ 'ppe.goggles': true }).map((d) => d.code)).toEqual(['answer_shape']);
    expect(details({ 'ppe.goggles': { by: 'x' } }).map((d) => d.code)).toEqual(['answer_shape']);
    expect(details({ 'ppe.goggles': { value: true, evidense: [] } })).toEqual([
      { code: 'answer_shape', path: '/answers/ppe.goggles', hint: 'did you mean `evidence`?' },
    ]);
    expect(details({ 'ppe.goggles': { value: true, evidence: 'a.jpg' } }).map((d) => d.code)).toEqual([
      'answer_shape',
    ]);
    expect(details({ 'ppe.goggles': { value: true, by: 7 } }).map((d) => d.code)).toEqual(['answer_shape']);
    expect(details([1])).toEqual([
      { code: 'answer_shape', path: '/answers', hint: 'e.g. {"ppe.goggles": {"value": true}}' },
    ]);
  });

  it('collects every problem of every answer into one error', () => {
    const out = details({
      'ppe.nope': { value: true },
      'ppe.depth': { value: 'x', at: 'soon' },
      'ppe.fluid': { value: 'blue' },
    });
    expect(out.map((d) => d.code)).toEqual([
      'answer_unknown_item',
      'answer_type',
      'answer_at_invalid',
      'answer_choice',
    ]);
  });

  it('keeps `__proto__` as an unknown key, never a prototype', () => {
    const answers = JSON.parse('{"__proto__": {"value": true}}');
    expect(details(answers).map((d) => d.code)).toEqual(['answer_unknown_item']);
  });
});
