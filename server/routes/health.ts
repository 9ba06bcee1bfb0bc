import type { StandardsIndex } from '../../engine/index.ts';
import type { StandardsHolder } from '../holder.ts';
import { failingFiles } from '../holder.ts';
import { jsonResponse, ref } from '../openapi/helpers.ts';
import type { RouteModule } from './route.ts';

/** Liveness and readiness; open even when tokens are required. */
export const healthRoutes: RouteModule = {
  paths: {
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'liveness: the process answers',
        tags: ['health'],
        responses: {
          '200': jsonResponse('alive', {
            type: 'object',
            required: ['status'],
            properties: { status: { const: 'ok' } },
          }),
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
    app.get('/healthz', (c) => c.json({ status: 'ok' }));
    app.get('/readyz', (c) => {
      const report = readiness(c.get('index'), ctx.holder);
      return c.json(report, report.ready ? 200 : 503);
    });
  },
};

/** What /readyz says: counts, failing files with the last good version serving, other problems. */
export function readiness(index: StandardsIndex, holder: StandardsHolder) {
  const failing = failingFiles(index);
  const failingPaths = new Set(failing.map((f) => f.file));
  const documents = [...index.documents.values()].reduce((n, list) => n + list.length, 0);
  return {
    ready: documents > 0,
    dir: index.dir,
    loadedAt: index.loadedAt,
    reloads: holder.reloads,
    standards: index.documents.size,
    documents,
    files: index.files.size,
    failing,
    problems: index.diagnostics.filter(
      (d) => d.severity === 'error' && !(d.file !== undefined && failingPaths.has(d.file)),
    ),
    ...(holder.lastFailure ? { lastReloadFailure: holder.lastFailure } : {}),
  };
}
