import { sep } from 'node:path';
import type { Diagnostic, StandardsIndex } from '../../engine/index.ts';
import { accessControlled, bearerAccepted, grantsOf } from '../auth.ts';
import { capDiagnostics, clip, type ListLimits } from '../bounded.ts';
import type { StandardsHolder } from '../holder.ts';
import { failingFiles } from '../holder.ts';
import { closed, jsonResponse, ref } from '../openapi/helpers.ts';
import type { RouteModule } from './route.ts';

/** Liveness and readiness; open even when tokens are required (readiness details are not). */
export const healthRoutes: RouteModule = {
  paths: {
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'liveness: the process answers',
        tags: ['health'],
        responses: {
          '200': jsonResponse('alive', closed({ status: { const: 'ok' } }, ['status'])),
        },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        summary: 'readiness: standards are loaded; files failing to load and what serves in their place',
        tags: ['health'],
        responses: {
          '200': jsonResponse('ready', ref('Readiness')),
          '503': jsonResponse('no standard is loaded', ref('Readiness')),
        },
      },
    },
  },
  mount(app, ctx) {
    const authorised = bearerAccepted(grantsOf(ctx.options));
    const open = !accessControlled(ctx.options);
    app.get('/healthz', (c) => c.json({ status: 'ok' }));
    app.get('/readyz', (c) => {
      const detailed = open || authorised(c.req.header('authorization'));
      const report = readiness(c.get('index'), ctx.holder, detailed);
      return c.json(report, report.ready ? 200 : 503);
    });
  },
};

/** The most failing files `/readyz` lists, and diagnostics per file, before counting the rest. */
export const READY_MAX_FILES = 20;
const PER_FILE: ListLimits = { maxItems: 10, maxBytes: 4 * 1024 };
const PROBLEMS: ListLimits = { maxItems: 50, maxBytes: 16 * 1024 };

/**
 * What /readyz says: readiness and counts to anyone; with `detailed` (no tokens configured, or a
 * token sent) also the failing files with the last good version serving, and other problems,
 * capped, with paths relative to the standards directory.
 */
export function readiness(index: StandardsIndex, holder: StandardsHolder, detailed: boolean) {
  const failing = failingFiles(index);
  const failingPaths = new Set(failing.map((f) => f.file));
  const documents = [...index.documents.values()].reduce((n, list) => n + list.length, 0);
  const problems = index.diagnostics.filter(
    (d) => d.severity === 'error' && !(d.file !== undefined && failingPaths.has(d.file)),
  );
  const counts = {
    ready: documents > 0,
    loadedAt: index.loadedAt,
    reloads: holder.reloads,
    standards: index.documents.size,
    documents,
    files: index.files.size,
    failingFiles: failing.length,
    problemCount: problems.length,
    reloadFailing: holder.lastFailure !== undefined,
  };
  if (!detailed) return counts;
  const scrub = scrubber(index.dir);
  return {
    ...counts,
    failing: failing.slice(0, READY_MAX_FILES).map((f) => ({
      ...f,
      diagnostics: capDiagnostics(f.diagnostics.map(scrub), PER_FILE),
    })),
    ...(failing.length > READY_MAX_FILES ? { failingNotShown: failing.length - READY_MAX_FILES } : {}),
    problems: capDiagnostics(problems.map(scrub), PROBLEMS),
    ...(holder.lastFailure
      ? {
          lastReloadFailure: {
            at: holder.lastFailure.at,
            message: clip(relativeTo(index.dir, holder.lastFailure.message)),
          },
        }
      : {}),
  };
}

/** A diagnostic whose texts name files relative to `dir`, never by their absolute path. */
function scrubber(dir: string): (d: Diagnostic) => Diagnostic {
  return (d) => {
    const out: Diagnostic = { ...d, message: relativeTo(dir, d.message) };
    if (d.hint !== undefined) out.hint = relativeTo(dir, d.hint);
    if (d.file !== undefined) out.file = relativeTo(dir, d.file);
    return out;
  };
}

function relativeTo(dir: string, text: string): string {
  const root = dir.endsWith(sep) ? dir.slice(0, -1) : dir;
  return root === '' ? text : text.replaceAll(`${root}${sep}`, '').replaceAll(root, '.');
}
