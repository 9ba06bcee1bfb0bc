import { describe, expect, it } from 'vitest';
import type { CompiledDocument } from '../document.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { changeLine } from './report.ts';
import { semanticDiff } from './semantic.ts';

/** A stand-in with only what the semantic diff reads: the kind and the plain data. */
function doc(kind: string, data: Record<string, unknown>, version = '1.0.0'): CompiledDocument {
  return {
    kind,
    id: 'x',
    version,
    status: 'approved',
    digest: `sha256:${version}`,
    data: { kind, id: 'x', version, ...data },
  } as unknown as CompiledDocument;
}

const lines = (a: CompiledDocument, b: CompiledDocument) => semanticDiff(a, b).changes.map(changeLine);

describe('semanticDiff on the bundled standard', () => {
  const index = loadStandards(bundledStandardsDir);
  const [v100, v110] = index.documents.get('approval.work-order') ?? [];

  it('names the raised threshold by rule id with its old and new value', () => {
    const diff = semanticDiff(v100 as CompiledDocument, v110 as CompiledDocument);
    const outcome = diff.changes.filter((c) => c.class === 'outcome').map(changeLine);
    expect(outcome).toEqual([
      'effective: 2025-01-01 → 2026-01-01',
      'rules[manager-over-5000].when.estimateTotal.greaterThan: 5000 → 8000',
    ]);
  });

  it('classes titles, descriptions, approval and tests as wording', () => {
    const diff = semanticDiff(v100 as CompiledDocument, v110 as CompiledDocument);
    const wording = diff.changes.filter((c) => c.class === 'wording').map((c) => `${c.op} ${c.path}`);
    expect(wording).toEqual([
      'changed description',
      'changed approved.at',
      'added change',
      'changed rules[manager-over-5000].title',
      'removed tests[exactly 5000 stays with the advisor]',
      'changed tests[a mid-sized job needs the service manager].facts.estimateTotal',
      'added tests[exactly 8000 stays with the advisor]',
    ]);
    expect(diff.counts).toEqual({ outcome: 2, input: 0, wording: 7 });
  });

  it('finds nothing between a version and itself', () => {
    expect(semanticDiff(v110 as CompiledDocument, v110 as CompiledDocument).changes).toEqual([]);
  });
});

describe('semanticDiff on bilingual text', () => {
  const rule = (title: unknown) => ({
    id: 'r',
    title,
    // biome-ignore lint/suspicious/noThenProperty: rule data as written in YAML, never awaited
    then: { approver: 'a' },
  });

  it('classes a wording changed in one language, or a string made {zh, en}, as wording', () => {
    const plain = doc('ruleset', { title: '审批 (Approval)', rules: [rule('大额 (Large)')] });
    const both = doc(
      'ruleset',
      {
        title: { zh: '审批', en: 'Approval' },
        lang: 'zh',
        labels: { approver: { a: { zh: '甲', en: 'A' } } },
        rules: [rule({ zh: '大额', en: 'Large' })],
      },
      '1.1.0',
    );
    const enChanged = doc(
      'ruleset',
      {
        title: { zh: '审批', en: 'Approval of work' },
        lang: 'zh',
        labels: { approver: { a: { zh: '甲', en: 'Advisor' } } },
        rules: [rule({ zh: '大额', en: 'Large jobs' })],
      },
      '1.2.0',
    );
    for (const [a, b] of [
      [plain, both],
      [both, enChanged],
    ] as const) {
      const diff = semanticDiff(a, b);
      expect(diff.changes.length).toBeGreaterThan(0);
      expect(diff.changes.filter((c) => c.class !== 'wording').map(changeLine)).toEqual([]);
    }
  });
});

describe('semanticDiff on rulesets', () => {
  const rule = (id: string, over: number) => ({
    id,
    when: { total: { greaterThan: over } },
    // biome-ignore lint/suspicious/noThenProperty: rule data as written in YAML, never awaited
    then: { approver: id },
  });

  it('reports added and removed rules by id, and moves under hit: first', () => {
    const a = doc('ruleset', { hit: 'first', rules: [rule('a', 1), rule('b', 2), rule('c', 3)] });
    const b = doc('ruleset', { hit: 'first', rules: [rule('c', 3), rule('a', 1), rule('d', 4)] });
    expect(lines(a, b)).toEqual([
      'rules[b] removed (was {"id":"b","when":{"total":{"greaterThan":2}},"then":{"approver":"b"}})',
      'rules[c] moved: position 3 → 1',
      'rules[d] added: {"id":"d","when":{"total":{"greaterThan":4}},"then":{"approver":"d"}}',
    ]);
  });

  it('reports a rule whose id changed but whose body did not as renamed, not removed and added', () => {
    const a = doc('ruleset', { hit: 'unique', rules: [rule('a', 1), rule('b', 2)] });
    const renamedB = { ...rule('b', 2), id: 'b2' };
    const b = doc('ruleset', { hit: 'unique', rules: [rule('a', 1), renamedB] });
    expect(lines(a, b)).toEqual(['rules[b2] renamed from b']);
  });

  it('reports a rename with its field-level changes, and its move where order decides', () => {
    // `rule(approver, …)` decides for that approver; the element then gets its own id and title.
    const titled = (id: string, approver: string, title: string, over: number) => ({
      ...rule(approver, over),
      id,
      title,
      clause: '§1',
    });
    const a = doc('ruleset', { hit: 'first', rules: [titled('a', 'a', 'A', 1), titled('b', 'b', 'B', 2)] });
    const b = doc('ruleset', {
      hit: 'first',
      rules: [titled('b-new', 'b', 'B!', 2), titled('a', 'a', 'A', 1)],
    });
    const changes = semanticDiff(a, b).changes;
    expect(changes.map(changeLine)).toEqual([
      'rules[b-new] renamed from b',
      'rules[b-new] moved: position 2 → 1',
      'rules[b-new].title: B → B!',
    ]);
    expect(changes[0]).toMatchObject({ op: 'renamed', from: 'b', to: 'b-new', class: 'outcome' });
  });

  it('does not take a rule whose conditions and outputs both changed for a renamed one', () => {
    const a = doc('ruleset', { hit: 'unique', rules: [rule('a', 1)] });
    const b = doc('ruleset', { hit: 'unique', rules: [rule('z', 9)] });
    expect(lines(a, b).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'rules[a] removed',
      'rules[z] added:',
    ]);
  });

  it('pairs each renamed element once, with its most similar counterpart', () => {
    const a = doc('ruleset', { hit: 'unique', rules: [rule('a', 1), rule('b', 2)] });
    const b = doc('ruleset', {
      hit: 'unique',
      rules: [
        { ...rule('b', 2), id: 'y' },
        { ...rule('a', 1), id: 'x' },
      ],
    });
    expect(lines(a, b)).toEqual(['rules[y] renamed from b', 'rules[x] renamed from a']);
  });

  it('reports a renamed test as a wording change', () => {
    const test = (name: string) => ({ name, facts: { total: 3 }, expect: { approver: 'a' } });
    const a = doc('ruleset', { rules: [rule('a', 1)], tests: [test('old name')] });
    const b = doc('ruleset', { rules: [rule('a', 1)], tests: [test('new name')] });
    expect(semanticDiff(a, b).changes).toMatchObject([
      { op: 'renamed', path: 'tests[new name]', from: 'old name', to: 'new name', class: 'wording' },
    ]);
  });

  it('does not report moves where order decides nothing (hit: unique)', () => {
    const a = doc('ruleset', { hit: 'unique', rules: [rule('a', 1), rule('b', 2)] });
    const b = doc('ruleset', { hit: 'unique', rules: [rule('b', 2), rule('a', 1)] });
    expect(lines(a, b)).toEqual([]);
  });

  it('does not call an insertion a move', () => {
    const a = doc('ruleset', { rules: [rule('a', 1), rule('b', 2)] });
    const b = doc('ruleset', { rules: [rule('z', 0), rule('a', 1), rule('b', 2)] });
    expect(semanticDiff(a, b).changes.map((c) => `${c.op} ${c.path}`)).toEqual(['added rules[z]']);
  });

  it('classes fact declarations as input and their descriptions as wording', () => {
    const a = doc('ruleset', { facts: { total: { type: 'number', minimum: 0, description: 'sum' } } });
    const b = doc('ruleset', {
      facts: { total: { type: 'number', minimum: 100, description: 'the sum' }, fuel: { enum: ['ev'] } },
    });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${changeLine(c)}`)).toEqual([
      'input facts.total.minimum: 0 → 100',
      'wording facts.total.description: sum → the sum',
      'input facts.fuel added: {"enum":["ev"]}',
    ]);
  });

  it('classes a changed hit policy, output or default as outcome', () => {
    const a = doc('ruleset', { hit: 'first', outputs: { r: { enum: ['x'] } }, default: { r: 'x' } });
    const b = doc('ruleset', { hit: 'any', outputs: { r: { enum: ['x', 'y'] } }, default: { r: 'y' } });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${c.path}`)).toEqual([
      'outcome hit',
      'outcome outputs.r.enum',
      'outcome default.r',
    ]);
  });

  it('keeps a fact named like a wording field in a condition as an outcome change', () => {
    const a = doc('ruleset', { rules: [{ id: 'r', when: { text: 'a' } }] });
    const b = doc('ruleset', { rules: [{ id: 'r', when: { text: 'b' } }] });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${c.path}`)).toEqual([
      'outcome rules[r].when.text',
    ]);
  });
});

describe('semanticDiff on the other kinds', () => {
  it('matches checklist items within sections and reports moves in sequential sections', () => {
    const items = (...ids: string[]) => ids.map((id) => ({ id, text: `do ${id}` }));
    const a = doc('checklist', {
      sections: [
        { id: 'ppe', items: items('a', 'b') },
        { id: 'steps', order: 'sequential', items: items('x', 'y') },
      ],
    });
    const b = doc('checklist', {
      sections: [
        { id: 'ppe', items: [...items('b', 'a').map((i) => ({ ...i, severity: 'critical' }))] },
        { id: 'steps', order: 'sequential', items: items('y', 'x') },
      ],
    });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${changeLine(c)}`)).toEqual([
      'outcome sections[ppe].items[b].severity added: critical',
      'outcome sections[ppe].items[a].severity added: critical',
      'outcome sections[steps].items[y] moved: position 2 → 1',
    ]);
  });

  it('classes an item text as wording and its answer type as input', () => {
    const a = doc('checklist', {
      sections: [{ id: 's', items: [{ id: 'i', text: 'old', answer: 'boolean' }] }],
    });
    const b = doc('checklist', {
      sections: [{ id: 's', items: [{ id: 'i', text: 'new', answer: 'number' }] }],
    });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${c.path}`)).toEqual([
      'wording sections[s].items[i].text',
      'input sections[s].items[i].answer',
    ]);
  });

  it('reports scorecard bands by position, a swap as a move, and grades by letter', () => {
    const band1 = { when: { csi: { greaterThanInclusive: 95 } }, points: 100 };
    const band2 = { when: { csi: { greaterThanInclusive: 85 } }, points: 80 };
    const a = doc('scorecard', {
      criteria: [{ id: 'csi', weight: 60, bands: [band1, band2, { points: 40 }] }],
      grades: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 75 },
      ],
    });
    const b = doc('scorecard', {
      criteria: [{ id: 'csi', weight: 60, bands: [band2, band1, { points: 30 }] }],
      grades: [
        { grade: 'A', min: 92 },
        { grade: 'B', min: 75 },
      ],
    });
    expect(lines(a, b)).toEqual([
      'criteria[csi].bands[0] moved: position 2 → 1',
      'criteria[csi].bands[2].points: 40 → 30',
      'grades[A].min: 90 → 92',
    ]);
  });

  it('reports fee rates in order and discounts by id', () => {
    const a = doc('fees', {
      labourRate: [{ when: { 'line.skill': 'senior' }, rate: 380 }, { rate: 300 }],
      discounts: { maxPct: 15, rules: [{ id: 'gold', pct: 5 }] },
      taxPct: 13,
    });
    const b = doc('fees', {
      labourRate: [{ when: { 'line.skill': 'senior' }, rate: 400 }, { rate: 300 }],
      discounts: { maxPct: 15, rules: [{ id: 'gold', pct: 6, title: 'Gold members' }] },
      taxPct: 9,
    });
    expect(semanticDiff(a, b).changes.map((c) => `${c.class} ${changeLine(c)}`)).toEqual([
      'outcome labourRate[0].rate: 380 → 400',
      'outcome discounts.rules[gold].pct: 5 → 6',
      'wording discounts.rules[gold].title added: Gold members',
      'outcome taxPct: 13 → 9',
    ]);
  });
});
