/**
 * The editor schemas as an editor sees them: yaml-language-server (what VS Code's YAML extension
 * runs) is started over stdio, documents are opened with the `# yaml-language-server: $schema=…`
 * modeline the docs tell authors to write, and the diagnostics, completions and hovers it sends
 * back must point at the mistake with a message that names it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemas } from '../../engine/index.ts';
import { LspClient } from './lsp-client.ts';

interface Position {
  line: number;
  character: number;
}
interface Diagnostic {
  range: { start: Position; end: Position };
  message: string;
}
interface CompletionItem {
  label: string;
  documentation?: string | { value: string };
}

const repo = join(import.meta.dirname, '..', '..');
const serverBin = join(
  dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')),
  'bin',
  'yaml-language-server',
);
/** The machine has no network: the schema store (a download) must stay off. */
const yamlSettings = { validate: true, completion: true, hover: true, schemaStore: { enable: false } };
/** Generous bounds: the server answers in about a second, but the machine may be busy. */
const answerTimeoutMs = 30_000;
const testTimeoutMs = 60_000;

const conditionSchema = readSchemas().get('condition.schema.json') as {
  $defs: { operators: { properties: Record<string, unknown> } };
};
const operators = Object.keys(conditionSchema.$defs.operators.properties);

let client: LspClient;
const published = new Map<string, Diagnostic[][]>();
const waiting = new Map<string, () => void>();

beforeAll(async () => {
  client = new LspClient(process.execPath, [serverBin, '--stdio'], (method, params) => {
    if (method !== 'workspace/configuration') return null;
    const items = (params as { items: Array<{ section?: string }> }).items;
    return items.map((item) => (item.section === 'yaml' ? yamlSettings : null));
  });
  client.on('textDocument/publishDiagnostics', (params) => {
    const { uri, diagnostics } = params as { uri: string; diagnostics: Diagnostic[] };
    published.set(uri, [...(published.get(uri) ?? []), diagnostics]);
    waiting.get(uri)?.();
  });
  await client.request(
    'initialize',
    {
      processId: process.pid,
      rootUri: pathToFileURL(repo).href,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          hover: { contentFormat: ['markdown'] },
          publishDiagnostics: {},
        },
      },
    },
    answerTimeoutMs,
  );
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: {} });
}, testTimeoutMs);

afterAll(async () => {
  await client?.close();
});

let opened = 0;

/** Opens `lines` as a new document in the standard's layout, so the modeline's relative path resolves. */
function open(folder: 'rules' | 'checklists', lines: string[]): { uri: string; text: string } {
  opened += 1;
  const uri = pathToFileURL(join(repo, folder, `editor.case-${opened}`, '1.0.0.yaml')).href;
  const text = `${lines.join('\n')}\n`;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return { uri, text };
}

/**
 * The first diagnostics the server publishes for `uri`; with `nonEmpty`, the first that report
 * something (every broken test document must get some, whatever the server sent before).
 */
function diagnosticsOf(uri: string, { nonEmpty = true } = {}): Promise<Diagnostic[]> {
  const pick = () => (published.get(uri) ?? []).find((d) => !nonEmpty || d.length > 0);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      waiting.delete(uri);
      resolve(pick() ?? []);
    };
    const timer = setTimeout(() => {
      waiting.delete(uri);
      reject(new Error(`no diagnostics for ${uri} within ${answerTimeoutMs} ms; stderr: ${client.stderr}`));
    }, answerTimeoutMs);
    waiting.set(uri, () => {
      if (pick()) done();
    });
    if (pick()) done();
  });
}

/** Where `needle` first appears in `text`, as an LSP position (0-based line and character). */
function positionOf(text: string, needle: string): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`\`${needle}\` is not in the document`);
  return { line, character: (lines[line] as string).indexOf(needle) };
}

/** Diagnostics as `[line, character, message]`, for exact comparison. */
function located(diagnostics: Diagnostic[]): Array<[number, number, string]> {
  return diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]);
}

function at(p: Position, message: string): [number, number, string] {
  return [p.line, p.character, message];
}

const rulesetHeader = [
  '# yaml-language-server: $schema=../../engine/schemas/ruleset.schema.json',
  'kind: ruleset',
  'id: editor.case',
  'version: 1.0.0',
  'status: draft',
  'title: editor case',
  'facts:',
  '  estimateTotal: { type: number }',
  'hit: first',
  'outputs:',
  '  approver: { enum: [service-advisor, service-manager] }',
];

describe('yaml-language-server with the norma schemas', { timeout: testTimeoutMs }, () => {
  it('reports a misspelt operator as an unknown property at its key, not as a wrong type', async () => {
    const doc = open('rules', [
      ...rulesetHeader,
      'rules:',
      '  - id: manager',
      '    when: { estimateTotal: { greaterThen: 5000 } }',
      '    then: { approver: service-manager }',
      '  - id: advisor',
      '    when:',
      '      estimateTotal:',
      '        lessThanInclusiv: 5000',
      '    then: { approver: service-advisor }',
    ]);
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(positionOf(doc.text, 'greaterThen'), 'Property greaterThen is not allowed.'),
      at(positionOf(doc.text, 'lessThanInclusiv'), 'Property lessThanInclusiv is not allowed.'),
    ]);
  });

  it('reports a misspelt operator in a checklist expect at its key', async () => {
    const doc = open('checklists', [
      '# yaml-language-server: $schema=../../engine/schemas/checklist.schema.json',
      'kind: checklist',
      'id: editor.case',
      'version: 1.0.0',
      'status: draft',
      'title: editor case',
      'sections:',
      '  - id: tyres',
      '    items:',
      '      - id: tread-depth',
      '        text: 轮胎花纹深度',
      '        answer: number',
      '        expect: { greaterThanInclusve: 1.6 }',
    ]);
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(positionOf(doc.text, 'greaterThanInclusve'), 'Property greaterThanInclusve is not allowed.'),
    ]);
  });

  it('reports an unknown top-level key at the key', async () => {
    const doc = open('rules', [
      '# yaml-language-server: $schema=../../engine/schemas/scorecard.schema.json',
      'kind: scorecard',
      'id: editor.case',
      'version: 1.0.0',
      'status: draft',
      'title: editor case',
      'ownr: 售后服务部',
      'criteria:',
      '  - { id: csi, weight: 100, bands: [{ points: 100 }] }',
      'grades:',
      '  - { grade: A, min: 0 }',
    ]);
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(positionOf(doc.text, 'ownr'), 'Property ownr is not allowed.'),
    ]);
  });

  it('reports a value of the wrong type at the value', async () => {
    const doc = open('rules', [
      '# yaml-language-server: $schema=../../engine/schemas/fees.schema.json',
      'kind: fees',
      'id: editor.case',
      'version: 1.0.0',
      'status: draft',
      'title: editor case',
      'currency: CNY',
      'labourRate: [{ rate: 300 }]',
      'partsMarkupPct: [{ pct: 20 }]',
      'taxPct: "13"',
    ]);
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(positionOf(doc.text, '"13"'), 'Incorrect type. Expected "number".'),
    ]);
  });

  it('reports a missing status once, without a spurious missing effective', async () => {
    const doc = open(
      'rules',
      rulesetHeader
        .filter((l) => !l.startsWith('status:'))
        .concat(['rules:', '  - { id: a, then: { approver: service-advisor } }']),
    );
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(positionOf(doc.text, 'kind:'), 'Missing property "status".'),
    ]);
  });

  it('reports a value outside an enum at the value, listing the allowed ones', async () => {
    const doc = open('checklists', [
      '# yaml-language-server: $schema=../../engine/schemas/checklist.schema.json',
      'kind: checklist',
      'id: editor.case',
      'version: 1.0.0',
      'status: draft',
      'title: editor case',
      'sections:',
      '  - id: ppe',
      '    items:',
      '      - id: goggles',
      '        text: 作业人员佩戴护目镜',
      '        severity: critcal',
    ]);
    expect(located(await diagnosticsOf(doc.uri))).toEqual([
      at(
        positionOf(doc.text, 'critcal'),
        'Value is not accepted. Valid values: "critical", "major", "minor".',
      ),
    ]);
  });

  it('offers every operator, with its description, when completing under a fact inside when:', async () => {
    const doc = open('rules', [
      ...rulesetHeader,
      'rules:',
      '  - id: manager',
      '    then: { approver: service-manager }',
      '    when:',
      '      estimateTotal:',
      '        ',
    ]);
    const cursor = { line: doc.text.split('\n').length - 2, character: 8 };
    const answer = (await client.request(
      'textDocument/completion',
      { textDocument: { uri: doc.uri }, position: cursor },
      answerTimeoutMs,
    )) as { items: CompletionItem[] } | CompletionItem[];
    const items = Array.isArray(answer) ? answer : answer.items;
    expect(operators).toContain('greaterThan');
    expect(items.map((i) => i.label).sort()).toEqual([...operators].sort());
    const greaterThan = items.find((i) => i.label === 'greaterThan');
    const documentation = greaterThan?.documentation;
    expect(typeof documentation === 'string' ? documentation : documentation?.value).toContain(
      'a number above this',
    );
  });

  it('reports nothing on the bundled standard, which norma validates clean', async () => {
    const files = ['rules', 'checklists'].flatMap((folder) =>
      readdirSync(join(repo, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(repo, folder, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    const uris = files.map((file) => {
      const uri = pathToFileURL(file).href;
      const text = readFileSync(file, 'utf8');
      expect(text, file).toMatch(/^# yaml-language-server: \$schema=/);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return uri;
    });
    const found = await Promise.all(
      uris.map(async (uri) => ({ uri, diagnostics: located(await diagnosticsOf(uri, { nonEmpty: false })) })),
    );
    expect(found.filter((f) => f.diagnostics.length > 0)).toEqual([]);
  });

  it('shows an operator description on hover', async () => {
    const doc = open('rules', [
      ...rulesetHeader,
      'rules:',
      '  - id: manager',
      '    when: { estimateTotal: { between: [0, 5000] } }',
      '    then: { approver: service-manager }',
    ]);
    const hover = (await client.request(
      'textDocument/hover',
      { textDocument: { uri: doc.uri }, position: positionOf(doc.text, 'between') },
      answerTimeoutMs,
    )) as { contents: { value: string } | string } | null;
    const contents = hover?.contents;
    expect(typeof contents === 'string' ? contents : contents?.value).toContain('both ends included');
  });
});
