/**
 * Approving a draft over HTTP (NORMA_AUTHORING=on): `status: approved`, the effective date (never
 * in the past) and the approver written into the draft's file, and the version recorded in
 * norma.lock through the same code as `norma lock`. The file is replaced by a rename, the lock is
 * written by a rename, and the draft is restored if the lock cannot be written.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  compileFile,
  findVersion,
  hasErrors,
  indexFiles,
  isIsoDate,
  NormaError,
  planLock,
  type StandardsIndex,
  today,
  writeLock,
  yaml,
} from '../../engine/index.ts';
import { requireAuthoring } from '../authoring.ts';
import { acceptBody, readJson } from '../body.ts';
import { capDiagnostics } from '../bounded.ts';
import { httpError } from '../errors.ts';
import { closed, errors, idParam, jsonResponse, ref, versionParam } from '../openapi/helpers.ts';
import { approveBody } from '../requests.ts';
import type { RouteModule } from './route.ts';

const approved = closed(
  {
    id: { type: 'string' },
    version: { type: 'string' },
    effective: { type: 'string', format: 'date' },
    approved: closed({ by: { type: 'string' }, at: { type: 'string', format: 'date' } }, ['by', 'at']),
    digest: { type: 'string' },
    file: { type: 'string' },
    locked: { type: 'boolean', description: 'whether norma.lock now records this version' },
  },
  ['id', 'version', 'effective', 'approved', 'digest', 'file', 'locked'],
);

/** `POST /v1/standards/{id}/versions/{v}/approve`. */
export const approveRoutes: RouteModule = {
  paths: {
    '/v1/standards/{id}/versions/{v}/approve': {
      post: {
        operationId: 'approveVersion',
        'x-scope': 'approve',
        summary:
          'approve a draft: approver and date written into its file, the version recorded in norma.lock',
        tags: ['authoring'],
        parameters: [idParam, versionParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ApproveRequest') } } },
        responses: {
          '200': jsonResponse('the version is approved and locked', approved),
          ...errors(400, 403, 404, 409, 413, 415, 422),
        },
      },
    },
  },
  mount(app, { options, holder }) {
    app.post(
      '/v1/standards/:id/versions/:v/approve',
      requireAuthoring(options),
      acceptBody(['application/json'], options.bodyLimit),
      async (c) => {
        const id = c.req.param('id');
        const v = c.req.param('v');
        c.set('standard', { id, version: v });
        const body = approveBody(await readJson(c));
        const result = approve(c.get('index'), id, v, body);
        holder.reload();
        return c.json(result);
      },
    );
  },
};

/** Replaces a file's text in one step (rename), so a reader sees the old text or the new, never half. */
function replaceAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.approve-${process.pid}-${Date.now()}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, path);
}

/** The draft's text approved: `status`, `effective` and `approved` set, comments and layout kept. */
export function approvedText(source: string, effective: string, by: string, at: string): string {
  const doc = yaml().parseDocument(source);
  doc.set('status', 'approved');
  doc.set('effective', effective);
  const approval = doc.createNode({ by, at });
  approval.flow = true;
  doc.set('approved', approval);
  return doc.toString({ lineWidth: 0 });
}

/** Approves draft `v` of `id` from `effective`; writes the file, then the lock; restores the draft on failure. */
function approve(index: StandardsIndex, id: string, v: string, body: { effective: string; by: string }) {
  const now = today();
  if (!isIsoDate(body.effective) || body.effective < now) {
    throw httpError(
      'effective_in_past',
      `the effective date must be today (${now}) or later, not \`${body.effective}\``,
      [
        {
          code: 'effective_in_past',
          message: 'a version never takes effect before it is approved: past decisions keep their version',
          severity: 'error',
          path: 'effective',
          hint: `give ${now} or a later date`,
        },
      ],
    );
  }
  const draft = findVersion(index, id, v);
  if (draft.status !== 'draft') {
    throw httpError('draft_not_draft', `${id} ${v} is ${draft.status}: only a draft is approved`);
  }
  const text = approvedText(draft.source, body.effective, body.by, now);
  const files = new Map(index.files);
  const state = compileFile(draft.file, text);
  files.set(draft.file, state);
  const candidate = indexFiles(index.dir, files, index);
  // The new version is not in the lock yet: that is what this request is about to fix.
  const problems = candidate.diagnostics.filter((d) => d.file === draft.file && !d.code.startsWith('lock_'));
  if (!state.document || hasErrors(problems)) {
    throw httpError('draft_invalid', `${id} ${v} does not validate once approved`, capDiagnostics(problems));
  }
  const plan = planLock(candidate, [id]);
  if (plan.conflicts.length > 0) {
    throw new NormaError(
      'lock_entry_immutable',
      'the lock has entries this directory no longer matches',
      plan.conflicts,
    );
  }
  const path = join(index.dir, draft.file);
  const before = readFileSync(path, 'utf8');
  replaceAtomically(path, text);
  try {
    writeLock(candidate, [id]);
  } catch (e) {
    replaceAtomically(path, before);
    throw e;
  }
  const doc = state.document;
  return {
    id,
    version: v,
    effective: body.effective,
    approved: { by: body.by, at: now },
    digest: doc.digest,
    file: draft.file,
    locked: plan.added.some((a) => a.id === id && a.version === v),
  };
}
