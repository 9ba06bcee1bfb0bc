import type { Context } from 'hono';
import { findVersion, type History, historyOf, isIsoDate, NormaError, today } from '../../engine/index.ts';
import type { AppEnv } from '../context.ts';
import { httpError } from '../errors.ts';
import {
  atParam,
  closed,
  errors,
  idParam,
  jsonResponse,
  listOf,
  queryParam,
  ref,
  versionParam,
} from '../openapi/helpers.ts';
import type { RouteModule } from './route.ts';

/** Listing standards, their versions, and one version's document. */
export const standardsRoutes: RouteModule = {
  paths: {
    '/v1/standards': {
      get: {
        operationId: 'listStandards',
        summary: 'every standard with its kind, title, versions and the version in force',
        tags: ['standards'],
        parameters: [atParam],
        responses: {
          '200': jsonResponse(
            'the standards',
            closed({ at: { type: 'string', format: 'date' }, standards: listOf(ref('StandardSummary')) }, [
              'at',
              'standards',
            ]),
          ),
          ...errors(422),
        },
      },
    },
    '/v1/standards/{id}': {
      get: {
        operationId: 'getStandard',
        summary: 'the versions of one standard: status, effective date, digest, change, approval',
        tags: ['standards'],
        parameters: [idParam, atParam],
        responses: {
          '200': jsonResponse(
            'the standard',
            closed(
              {
                id: { type: 'string' },
                kind: { type: 'string' },
                title: { type: 'string' },
                at: { type: 'string', format: 'date' },
                current: { type: ['string', 'null'] },
                versions: listOf(ref('VersionSummary'), 'withheld versions included, marked `withheld`'),
              },
              ['id', 'kind', 'title', 'current', 'versions'],
            ),
          ),
          ...errors(404, 422, 503),
        },
      },
    },
    '/v1/standards/{id}/versions/{v}': {
      get: {
        operationId: 'getVersion',
        summary: 'one version as JSON, or its YAML source with `?format=yaml`',
        tags: ['standards'],
        parameters: [
          idParam,
          versionParam,
          queryParam('format', 'json (default) or yaml (the source as written)', { enum: ['json', 'yaml'] }),
        ],
        responses: {
          '200': {
            description: 'the document',
            headers: { ETag: { description: 'the digest of the document', schema: { type: 'string' } } },
            content: {
              'application/json': { schema: ref('Document') },
              'application/yaml': { schema: { type: 'string' } },
            },
          },
          ...errors(400, 404, 503),
        },
      },
    },
  },
  mount(app) {
    app.get('/v1/standards', (c) => {
      const index = c.get('index');
      const at = dateQuery(c);
      // Withheld standards are listed too: an auditor must see that they exist, and why nothing decides.
      const ids = new Set([...index.documents.keys(), ...index.withheld.keys()]);
      const standards = [...ids].sort().map((id) => summary(historyOf(index, id, at)));
      return c.json({ at, standards });
    });
    app.get('/v1/standards/:id', (c) => {
      const id = c.req.param('id');
      c.set('standard', { id });
      const at = dateQuery(c);
      const history = historyOf(c.get('index'), id, at);
      return c.json({
        id,
        kind: history.kind,
        title: history.title,
        at,
        current: history.inForce ?? null,
        versions: history.versions,
      });
    });
    app.get('/v1/standards/:id/versions/:v', (c) => {
      const doc = findVersion(c.get('index'), c.req.param('id'), c.req.param('v'));
      c.set('standard', { id: doc.id, version: doc.version });
      c.header('ETag', `"${doc.digest}"`);
      const format = c.req.query('format') ?? 'json';
      if (format === 'yaml')
        return c.body(doc.source, 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
      if (format === 'json') return c.json(doc.data);
      throw httpError('query_invalid', `unknown format \`${format}\``, [
        { code: 'query_invalid', message: 'format is json or yaml', severity: 'error', path: 'format' },
      ]);
    });
  },
};

/** One line of the listing: the versions of a standard and the one in force (none while withheld). */
function summary(history: History) {
  return {
    id: history.id,
    kind: history.kind,
    title: history.title,
    versions: history.versions.map((v) => v.version),
    current: history.inForce ?? null,
  };
}

/** `?at=` as an ISO date, today when absent; `at_invalid` (422) otherwise. */
export function dateQuery(c: Context<AppEnv>): string {
  const at = c.req.query('at');
  if (at === undefined) return today();
  if (!isIsoDate(at)) {
    throw new NormaError('at_invalid', `\`at\` must be an ISO date such as 2026-03-01, not \`${at}\``);
  }
  return at;
}
