/**
 * Drafts over HTTP (NORMA_AUTHORING=on): save a YAML document as a new draft file, never
 * overwriting one, and check a draft (its tests, and how it behaves against the version in
 * force, and on the decisions recorded by the versions before it). Approving a draft is approve.ts.
 */
import { existsSync, linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CompiledDocument,
  compileDocument,
  compileFile,
  type Diagnostic,
  diffVersions,
  findVersion,
  hasErrors,
  historyOf,
  indexFiles,
  type StandardsIndex,
  semanticDiff,
  testDocument,
  today,
} from '../../engine/index.ts';
import {
  DRAFT_RECORDED_DEFAULT,
  DRAFT_RECORDED_MAX,
  draftRecordedDiff,
} from '../../records/draft-recorded-diff.ts';
import { requireScope } from '../auth.ts';
import { requireAuthoring } from '../authoring.ts';
import { acceptBody, mediaTypes, readText } from '../body.ts';
import { capDiagnostics } from '../bounded.ts';
import { httpError } from '../errors.ts';
import { closed, errors, idParam, jsonResponse, listOf, queryParam, ref } from '../openapi/helpers.ts';
import { queryError } from '../query.ts';
import { recordsOf } from '../records-of.ts';
import { filterOf } from './records.ts';
import type { RouteModule } from './route.ts';

const SEED = 20261128;
const CHECK_RUNS = 300;

const yamlBody = {
  required: true,
  content: Object.fromEntries(mediaTypes.yaml.map((t) => [t, { schema: { type: 'string' } }])),
};

const saved = closed(
  {
    valid: { type: 'boolean' },
    diagnostics: listOf(ref('Diagnostic')),
    saved: closed(
      {
        id: { type: 'string' },
        version: { type: 'string' },
        file: {
          type: 'string',
          description: 'where the draft was written, relative to the standards directory',
        },
        digest: { type: 'string' },
      },
      ['id', 'version', 'file', 'digest'],
    ),
  },
  ['valid', 'diagnostics'],
);

const checked = closed(
  {
    valid: { type: 'boolean' },
    diagnostics: listOf(ref('Diagnostic')),
    tests: closed(
      {
        total: { type: 'integer' },
        passed: { type: 'integer' },
        invariants: { type: 'integer' },
        held: { type: 'integer' },
        failures: listOf(
          closed({ name: { type: 'string' }, message: { type: 'string' }, line: { type: 'integer' } }, [
            'name',
            'message',
          ]),
        ),
      },
      ['total', 'passed', 'invariants', 'held', 'failures'],
    ),
    against: closed(
      {
        version: { type: 'string', description: 'the version in force the draft is compared with' },
        changes: { type: 'integer' },
        outcome: { type: 'integer', description: 'changes that change outcomes' },
        runs: { type: 'integer' },
        changed: { type: 'integer', description: 'generated inputs whose result differs' },
        lines: listOf({ type: 'string' }, 'the changes that change outcomes, one line each (at most 20)'),
      },
      ['version', 'changes', 'outcome', 'runs', 'changed', 'lines'],
    ),
  },
  ['valid', 'diagnostics'],
);

const onRecorded = closed(
  {
    valid: { type: 'boolean' },
    diagnostics: listOf(ref('Diagnostic')),
    last: { type: 'integer', description: 'how many of the latest recorded decisions were asked for' },
    examined: { type: 'integer', description: 'recorded decisions decided again' },
    changed: { type: 'integer', description: 'of those, the ones whose outcome the draft changes' },
    unavailable: {
      type: 'integer',
      description: 'recorded decisions whose deciding version could not be had (its source is not kept)',
    },
    decisions: listOf(
      closed(
        {
          decisionId: { type: 'string' },
          recordedAt: { type: 'string', format: 'date-time' },
          subject: { oneOf: [ref('Subject'), { type: 'null' }] },
          version: { type: 'string', description: 'the version that decided it' },
          from: { type: 'object', description: 'its outcome then' },
          to: { type: 'object', description: 'its outcome with the draft' },
        },
        ['decisionId', 'recordedAt', 'subject', 'version', 'from', 'to'],
      ),
      'every decision that changes, oldest first',
    ),
  },
  ['valid', 'diagnostics'],
);

/** Drafts and their checks; both answer 403 `authoring_off` unless NORMA_AUTHORING=on. */
export const draftRoutes: RouteModule = {
  paths: {
    '/v1/standards/{id}/drafts': {
      post: {
        operationId: 'saveDraft',
        'x-scope': 'author',
        summary: 'save a YAML document as a new draft version (never overwrites a file)',
        tags: ['authoring'],
        parameters: [idParam],
        requestBody: yamlBody,
        responses: {
          '201': jsonResponse('the draft was saved', saved),
          '422': jsonResponse(
            'the document has errors (`valid: false`), or is not a draft of this standard (an error)',
            {
              oneOf: [saved, ref('Error')],
            },
          ),
          ...errors(400, 403, 404, 409, 413, 415),
        },
      },
    },
    '/v1/standards/{id}/drafts/diff/recorded': {
      post: {
        operationId: 'diffDraftOnRecorded',
        'x-scope': 'author',
        summary:
          'an unsaved draft against real traffic: the latest recorded decisions of the standard, decided again by the draft and by the version that decided each; those whose outcome changes (needs `records:read` as well as `author`)',
        tags: ['authoring'],
        parameters: [
          idParam,
          queryParam(
            'last',
            `how many of the latest recorded decisions (1–${DRAFT_RECORDED_MAX}, default ${DRAFT_RECORDED_DEFAULT})`,
            { type: 'integer', minimum: 1, maximum: DRAFT_RECORDED_MAX },
          ),
          queryParam('since', 'decisions recorded at or after (ISO date or instant)', { type: 'string' }),
          queryParam('until', 'decisions recorded before (ISO date or instant)', { type: 'string' }),
        ],
        requestBody: yamlBody,
        responses: {
          '200': jsonResponse('the draft compiles: the recorded decisions it would change', onRecorded),
          '422': jsonResponse(
            'the draft has errors (`valid: false`), or is not a draft of this standard (an error)',
            { oneOf: [onRecorded, ref('Error')] },
          ),
          ...errors(400, 403, 404, 413, 415, 501, 503),
        },
      },
    },
    '/v1/standards/{id}/drafts/check': {
      post: {
        operationId: 'checkDraft',
        'x-scope': 'author',
        summary:
          "a draft's diagnostics, its tests and invariants, and its behavioural diff against the version in force",
        tags: ['authoring'],
        parameters: [idParam],
        requestBody: yamlBody,
        responses: {
          '200': jsonResponse('the draft compiles: its tests and diff', checked),
          '422': jsonResponse(
            'the draft has errors (`valid: false`), or is not a draft of this standard (an error)',
            {
              oneOf: [checked, ref('Error')],
            },
          ),
          ...errors(400, 403, 404, 413, 415),
        },
      },
    },
  },
  mount(app, ctx) {
    const { options, holder } = ctx;
    app.post(
      '/v1/standards/:id/drafts',
      requireAuthoring(options),
      acceptBody(mediaTypes.yaml, options.bodyLimit),
      async (c) => {
        const id = c.req.param('id');
        c.set('standard', { id });
        const text = await readText(c);
        const index = c.get('index');
        const outcome = checkDraft(index, id, text);
        if (!outcome.doc)
          return c.json({ valid: false, diagnostics: capDiagnostics(outcome.diagnostics) }, 422);
        const file = outcome.doc.file;
        writeNew(join(index.dir, file), text);
        holder.reload();
        const doc = outcome.doc;
        return c.json(
          {
            valid: true,
            diagnostics: capDiagnostics(outcome.diagnostics),
            saved: { id, version: doc.version, file, digest: doc.digest },
          },
          201,
        );
      },
    );
    app.post(
      '/v1/standards/:id/drafts/check',
      requireAuthoring(options),
      acceptBody(mediaTypes.yaml, options.bodyLimit),
      async (c) => {
        const id = c.req.param('id');
        c.set('standard', { id });
        const text = await readText(c);
        const index = c.get('index');
        const outcome = checkDraft(index, id, text, { existing: 'allowed' });
        const diagnostics = capDiagnostics(outcome.diagnostics);
        if (!outcome.doc) return c.json({ valid: false, diagnostics }, 422);
        const report = await testDocument(outcome.doc, { runs: CHECK_RUNS, seed: SEED });
        const against = againstInForce(index, id, outcome.doc);
        return c.json({
          valid: true,
          diagnostics,
          tests: {
            total: report.tests.total,
            passed: report.tests.passed,
            invariants: report.invariants.total,
            held: report.invariants.held,
            failures: report.findings
              .filter((f) => f.severity === 'error')
              .map((f) => ({
                name: f.name,
                message: f.message,
                ...(f.line !== undefined ? { line: f.line } : {}),
              })),
          },
          ...(against ? { against } : {}),
        });
      },
    );
    app.post(
      '/v1/standards/:id/drafts/diff/recorded',
      requireAuthoring(options),
      // The answer names recorded subjects and outcomes, so the author must also read records.
      requireScope('records:read'),
      acceptBody(mediaTypes.yaml, options.bodyLimit),
      async (c) => {
        const id = c.req.param('id');
        c.set('standard', { id });
        const records = recordsOf(ctx);
        const last = lastOf(c.req.query('last'));
        const { since, until } = filterOf(c);
        const text = await readText(c);
        const outcome = checkDraft(c.get('index'), id, text, { existing: 'allowed' });
        const diagnostics = capDiagnostics(outcome.diagnostics);
        if (!outcome.doc) return c.json({ valid: false, diagnostics }, 422);
        const index = c.get('index');
        const diff = await draftRecordedDiff(
          records.store,
          (standard) => records.replayer.documentOf(index, standard),
          outcome.doc,
          { last, ...(since ? { since } : {}), ...(until ? { until } : {}) },
        );
        return c.json({ valid: true, diagnostics, ...diff });
      },
    );
  },
};

/** `?last=`: how many of the latest recorded decisions a draft is replayed on. */
function lastOf(raw: string | undefined): number {
  if (raw === undefined) return DRAFT_RECORDED_DEFAULT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > DRAFT_RECORDED_MAX) {
    throw queryError('last', `\`last\` is a whole number from 1 to ${DRAFT_RECORDED_MAX}, not \`${raw}\``);
  }
  return n;
}

/** Where a new version of `id` lives: beside its other versions, else in the kind's folder. */
function folderOf(index: StandardsIndex, id: string, kind: string): string {
  const existing = index.documents.get(id)?.[0] ?? index.withheld.get(id)?.[0];
  const file = existing && 'file' in existing ? existing.file : undefined;
  if (file) return file.split('/')[0] ?? 'rules';
  return kind === 'checklist' ? 'checklists' : 'rules';
}

/**
 * Checks a draft as if it were saved beside the served versions: the document's own diagnostics,
 * then those across versions. `doc` is set when it may be saved (or, for a check, evaluated).
 */
function checkDraft(
  index: StandardsIndex,
  id: string,
  text: string,
  options: { existing?: 'refused' | 'allowed' } = {},
): { doc?: CompiledDocument; diagnostics: Diagnostic[] } {
  const alone = compileDocument(text, 'draft.yaml');
  const doc = alone.document;
  if (!doc) return { diagnostics: alone.diagnostics };
  if (doc.id !== id) {
    throw httpError('draft_not_draft', `the document is \`${doc.id}\`, not a version of \`${id}\``);
  }
  if (doc.status !== 'draft') {
    throw httpError('draft_not_draft', `a new version is saved as \`status: draft\`, not \`${doc.status}\``, [
      {
        code: 'draft_not_draft',
        message: 'drafts are approved with POST …/versions/{v}/approve, which records the approver',
        severity: 'error',
        path: 'status',
        hint: 'write `status: draft`',
      },
    ]);
  }
  const file = `${folderOf(index, id, doc.kind)}/${id}/${doc.version}.yaml`;
  if (options.existing !== 'allowed' && (index.files.has(file) || existsSync(join(index.dir, file)))) {
    throw httpError('draft_exists', `\`${file}\` exists: ${id} ${doc.version} is already written`, [
      {
        code: 'draft_exists',
        message: 'a saved version is never overwritten',
        severity: 'error',
        path: 'version',
        hint: 'give the draft a version that does not exist yet',
      },
    ]);
  }
  const files = new Map(index.files);
  const state = compileFile(file, text);
  files.set(file, state);
  const diagnostics = indexFiles(index.dir, files, index).diagnostics.filter((d) => d.file === file);
  if (hasErrors(diagnostics) || !state.document) return { diagnostics };
  return { doc: state.document, diagnostics };
}

/** The draft against the version in force: semantic changes and generated inputs that change. */
function againstInForce(index: StandardsIndex, id: string, draft: CompiledDocument) {
  const inForce = historyOf(index, id, today()).inForce;
  if (!inForce) return undefined;
  const current = findVersion(index, id, inForce);
  const semantic = semanticDiff(current, draft);
  // The draft is not in the index: the behavioural diff runs on a copy that holds it.
  const files = new Map(index.files);
  const file = `${draft.file}`;
  files.set(file, { path: file, text: draft.source, diagnostics: [], document: draft });
  const withDraft = indexFiles(index.dir, files, index, { lock: false });
  const behaviour = diffVersions(withDraft, id, current.version, draft.version, {
    runs: CHECK_RUNS,
    seed: SEED,
  }).behaviour;
  return {
    version: current.version,
    changes: semantic.changes.length,
    outcome: semantic.counts.outcome,
    runs: behaviour?.generated.total ?? 0,
    changed: behaviour?.generated.changed ?? 0,
    lines: semantic.changes
      .filter((ch) => ch.class === 'outcome')
      .slice(0, 20)
      .map((ch) => `${ch.path}: ${plain(ch.from)} → ${plain(ch.to)}`),
  };
}

function plain(v: unknown): string {
  return v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Writes a new file without ever replacing one: written beside it under a temporary name, then
 * linked into place, which fails if the name exists (`draft_exists`), so no reader sees half a file.
 */
function writeNew(path: string, text: string): void {
  const tmp = join(dirname(path), `.draft-${process.pid}-${Date.now()}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw httpError(
        'draft_exists',
        `\`${path.split('/').slice(-3).join('/')}\` exists: it is never overwritten`,
      );
    }
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}
