import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStandards } from '../../standards/directory.ts';
import { fixture as checklist } from '../checklist/conformance.ts';
import { fixture as ruleset } from '../ruleset/conformance.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A standards directory with the checklist and ruleset fixtures and one process. */
function directoryWith(stages: string) {
  const dir = mkdtempSync(join(tmpdir(), 'norma-links-'));
  dirs.push(dir);
  const write = (folder: string, id: string, text: string) => {
    mkdirSync(join(dir, folder, id), { recursive: true });
    writeFileSync(join(dir, folder, id, '1.0.0.yaml'), text);
  };
  write('checklists', 'conformance.checklist', checklist.document);
  write('rules', 'conformance.ruleset', ruleset.document);
  write(
    'rules',
    't.object',
    `kind: ruleset
id: t.object
version: 1.0.0
status: draft
title: t
facts:
  order: { type: object, properties: { job: { enum: [maintenance, repair] } } }
hit: first
outputs:
  ok: { type: boolean }
rules:
  - { id: r, when: { order.job: repair }, then: { ok: true } }
default: { ok: false }
`,
  );
  write(
    'rules',
    't.process',
    `kind: process
id: t.process
version: 1.0.0
status: draft
title: t
facts:
  job: { enum: [maintenance, bodywork] }
  hv: { enum: [ev-high-voltage] }
  wo: { type: object, properties: { job: { enum: [maintenance, bodywork] } } }
  wo2: { type: object, properties: { job: { enum: [repair] } } }
stages:
${stages}`,
  );
  return loadStandards(dir).diagnostics.filter((d) => d.file === 'rules/t.process/1.0.0.yaml');
}

const step = (body: string) => `  - id: s\n    steps:\n      - id: a\n${body}`;

describe('a process checked against the standards it names', () => {
  it('accepts steps whose standards exist, whose completion fits them and whose inputs they declare', () => {
    const found = directoryWith(
      `${step('        standard: conformance.checklist\n        input: { jobType: hv }\n        completes: { status: pass }\n')}` +
        `  - id: t\n    steps:\n      - id: b\n        standard: conformance.ruleset\n        input: { amount: { value: 6000 } }\n        completes: { outputs.approver: { in: [manager] } }\n`,
    );
    expect(found).toEqual([]);
    const nested = directoryWith(
      step(
        '        standard: t.object\n        input: { order: wo2 }\n        completes: { outputs.ok: true }\n',
      ),
    );
    expect(nested).toEqual([]);
  });

  it('refuses a standard that does not exist, with a did-you-mean', () => {
    const [d] = directoryWith(
      step('        standard: conformance.checklst\n        completes: { status: pass }\n'),
    );
    expect(d).toMatchObject({ code: 'process_standard_unknown', path: '/stages/0/steps/0/standard' });
    expect(d?.hint).toContain('conformance.checklist');
  });

  it('refuses completions the standard’s results cannot have', () => {
    const cases: [string, string][] = [
      ['conformance.checklist', '{ outputs.approver: manager }'],
      ['conformance.checklist', '{ status: passed }'],
      ['conformance.ruleset', '{ outputs.approverr: manager }'],
      ['conformance.ruleset', '{ outputs.approver: boss }'],
      ['conformance.ruleset', '{ outputs: manager }'],
    ];
    for (const [standard, completes] of cases) {
      const found = directoryWith(step(`        standard: ${standard}\n        completes: ${completes}\n`));
      expect(
        found.map((d) => d.code),
        completes,
      ).toEqual(['process_completion_unfit']);
    }
  });

  it('refuses inputs the standard does not declare or that do not fit its declaration', () => {
    const cases = [
      '        standard: conformance.checklist\n        input: { jobTyp: hv }\n        completes: { status: pass }\n',
      '        standard: conformance.checklist\n        input: { jobType: job }\n        completes: { status: pass }\n',
      '        standard: conformance.ruleset\n        input: { amount: { value: lots } }\n        completes: { outputs.approver: manager }\n',
      '        standard: t.object\n        input: { order: wo }\n        completes: { outputs.ok: true }\n',
    ];
    for (const body of cases) {
      expect(
        directoryWith(step(body)).map((d) => d.code),
        body,
      ).toEqual(['process_input_unfit']);
    }
  });
});
