import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseContext } from '../conditions/parse.ts';
import { emptySourceMap } from '../load/yaml.ts';
import { compileMessage, parsedParts, quickParts } from './message.ts';

function compiled(src: string) {
  const ctx = parseContext('m.yaml', emptySourceMap(''));
  const fn = compileMessage(src, '/rules/0/message', ctx);
  return { fn, codes: ctx.diagnostics.map((d) => d.code), messages: ctx.diagnostics.map((d) => d.message) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('message templates', () => {
  it('render plain placeholders over own properties; missing ones print nothing', () => {
    const { fn, codes } = compiled(
      '预估总额 {{estimateTotal}} 元 {{vehicle.plate}}{{missing}}{{!-- note --}} {{{approver}}}',
    );
    expect(codes).toEqual([]);
    const context = JSON.parse('{"estimateTotal": 25000, "vehicle": {"plate": "沪A"}, "approver": "gm"}');
    expect(fn?.(context)).toBe('预估总额 25000 元 沪A gm');
    expect(fn?.({ estimateTotal: 0, vehicle: 'not an object' })).toBe('预估总额 0 元  ');
  });

  it('print false and zero, and lists and objects as JSON (never [object Object])', () => {
    const { fn } = compiled('{{a}} {{b}} {{c}} {{d}}');
    expect(fn?.({ a: false, b: 0, c: [1, 'x'], d: { k: 1 } })).toBe('false 0 [1,"x"] {"k":1}');
  });

  it('never read inherited members: {{constructor}} prints nothing unless it is a fact', () => {
    const { fn } = compiled('[{{constructor}}][{{toString}}][{{a.__proto__}}][{{list.length}}]');
    expect(fn?.({ a: {}, list: [1, 2] })).toBe('[][][][2]');
    expect(fn?.(JSON.parse('{"constructor": "c", "a": {"__proto__": 1}}'))).toBe('[c][][1][]');
  });

  it.each([
    ['{{> partial}}', 'partials'],
    ['{{foo bar}}', 'helpers such as `{{foo …}}`'],
    ['{{#if ok}}yes{{/if}}', 'blocks such as `{{#if}}`'],
    ['{{#each list}}{{this}}{{/each}}', 'blocks such as `{{#each}}`'],
    ['{{lookup list 0}}', 'helpers such as `{{lookup …}}`'],
    ['{{log estimateTotal}}', 'helpers such as `{{log …}}`'],
    ['{{x key=1}}', 'helpers'],
    ['{{../x}}', 'not a plain path'],
    ['{{@root.x}}', 'not a plain path'],
    ['{{this}}', 'not a plain path'],
    ['{{this.x}}', 'not a plain path'],
    ['{{[a b]}}', 'not a plain path'],
    ['{{"text"}}', 'a literal'],
    ['{{1}}', 'a literal'],
    ['{{#> layout}}x{{/layout}}', 'partials'],
  ])('refuse %s at load with message_unsupported', (src, what) => {
    const { fn, codes, messages } = compiled(`total ${src}`);
    expect(fn).toBeUndefined();
    expect(codes).toEqual(['message_unsupported']);
    expect(messages[0]).toContain(what);
    expect(messages[0]).toMatch(/\(line 1, column 7 of the message\)$/);
  });

  it('report every unsupported construct, and syntax errors as message_invalid', () => {
    expect(compiled('{{#if a}}x{{/if}} {{log a}}').codes).toEqual([
      'message_unsupported',
      'message_unsupported',
    ]);
    expect(compiled('total {{estimateTotal').codes).toEqual(['message_invalid']);
  });

  it('write nothing to the console, whatever the template names', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fn } = compiled('{{log}}{{lookup}}{{helperMissing}}{{constructor.name}}');
    expect(fn?.({ log: 'forged\nline' })).toBe('forged\nline');
    expect(log).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

describe('the quick split of a message', () => {
  /** Pieces that make templates Handlebars reads in every way: paths, literals, braces, escapes. */
  const piece = fc.constantFrom(
    '{{',
    '}}',
    '{{{',
    '}}}',
    '{',
    '}',
    ' ',
    '.',
    '\\',
    '~',
    '!',
    '#',
    '>',
    '/',
    'a',
    'b1',
    '_x',
    'vehicle.plate',
    'true',
    'null',
    'this',
    'else',
    '1',
    '预估',
    '\n',
    '{{a}}',
    '{{ a.b }}',
    '{{this.a}}',
  );

  it('gives exactly the parts Handlebars gives, or leaves the template to Handlebars', () => {
    let quick = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const src = pieces.join('');
        const parts = quickParts(src);
        if (parts === undefined) return;
        quick++;
        const ctx = parseContext('m.yaml', emptySourceMap(''));
        expect(parsedParts(src, '/message', ctx)).toEqual(parts);
        expect(ctx.diagnostics).toEqual([]);
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    // The property means something only if the quick split took many of them.
    expect(quick).toBeGreaterThan(300);
  });

  it('takes the messages the bundled standard writes', () => {
    expect(quickParts('近 12 个月继续教育 {{staff.trainingHours12m}} 学时,不足 40 学时')).toEqual([
      '近 12 个月继续教育 ',
      ['staff', 'trainingHours12m'],
      ' 学时,不足 40 学时',
    ]);
    expect(quickParts('{{a}}{{b}}')).toEqual([['a'], ['b']]);
    expect(quickParts('{{{a}}}')).toBeUndefined();
    expect(quickParts('{{true}}')).toBeUndefined();
  });
});
