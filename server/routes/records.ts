import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { isIsoDate, today } from '../../engine/index.ts';
import { csvHeader, csvRow } from '../../records/csv.ts';
import { purge } from '../../records/purge.ts';
import { recordedDiff } from '../../records/recorded-diff.ts';
import type { RecordsService } from '../../records/service.ts';
import type { DecisionFilter, StoredRecord } from '../../records/store.ts';
import { acceptBody, mediaTypes, readJson } from '../body.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { httpError } from '../errors.ts';
import {
  closed,
  errors,
  idParam,
  jsonResponse,
  listOf,
  pathParam,
  queryParam,
  ref,
} from '../openapi/helpers.ts';
import { PAGE_DEFAULT, PAGE_MAX, pageLimit, queryError } from '../query.ts';
import { recordsOf } from '../records-of.ts';
import { holdBody, purgeBody } from '../requests.ts';
import { mayDo, OPEN_SCOPES } from '../scopes.ts';
import type { RouteModule } from './route.ts';

const decisionIdParam = pathParam(
  'decisionId',
  'a decision record’s id (UUIDv7)',
  '019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f',
);
const holdIdParam = pathParam('holdId', 'a legal hold’s id', '019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f');

/** The filters of listing and export, as query parameters. */
const filterParams = [
  queryParam('standard', 'the standard’s id', { type: 'string' }),
  queryParam('version', 'its version', { type: 'string' }),
  queryParam('digest', 'the deciding version’s digest (`sha256:…`)', { type: 'string' }),
  queryParam('subjectType', 'what the decision is about: work-order, vehicle, staff, …', { type: 'string' }),
  queryParam('subjectId', 'its id: a work order number, a VIN, …', { type: 'string' }),
  queryParam('caseId', 'the case the decision belongs to', { type: 'string' }),
  queryParam('outcome', 'a checklist’s status, a scorecard’s grade, a ruleset’s `name=value` outputs', {
    type: 'string',
  }),
  queryParam('since', 'recorded at or after (ISO date or instant)', { type: 'string' }),
  queryParam('until', 'recorded before (ISO date or instant)', { type: 'string' }),
];

const FILTERS = ['standard', 'version', 'digest', 'subjectType', 'subjectId', 'caseId', 'outcome'] as const;

/** Decision records: find, read, replay, export, verify the chain, legal holds, purge. */
export const recordsRoutes: RouteModule = {
  paths: {
    '/v1/decisions': {
      get: {
        operationId: 'listDecisions',
        summary:
          'decision records, oldest first, filtered; keyset pages (`next` is the `after` of the next page)',
        tags: ['records'],
        'x-scope': 'records:read',
        parameters: [
          ...filterParams,
          queryParam('after', 'the `next` of the previous page', { type: 'string' }),
          queryParam('limit', `records per page (1–${PAGE_MAX}, default ${PAGE_DEFAULT})`, {
            type: 'integer',
          }),
        ],
        responses: {
          '200': jsonResponse(
            'a page of records',
            closed({ decisions: listOf(ref('DecisionRecord')), next: { type: 'string' } }, ['decisions']),
          ),
          ...errors(501, 503),
        },
      },
    },
    '/v1/decisions/{decisionId}': {
      get: {
        operationId: 'getDecision',
        summary:
          'one decision record: input, result, version and digest, caller, subject, retention, chain link',
        tags: ['records'],
        'x-scope': 'records:read',
        parameters: [decisionIdParam],
        responses: { '200': jsonResponse('the record', ref('DecisionRecord')), ...errors(404, 501, 503) },
      },
    },
    '/v1/decisions/{decisionId}/replay': {
      post: {
        operationId: 'replayDecision',
        summary: 're-evaluate the recorded input with the recorded version (by digest), with the explanation',
        tags: ['records'],
        'x-scope': 'records:read',
        parameters: [decisionIdParam],
        responses: { '200': jsonResponse('the replay', ref('Replay')), ...errors(404, 409, 501, 503) },
      },
    },
    '/v1/standards/{id}/diff/recorded': {
      get: {
        operationId: 'diffOnRecorded',
        summary:
          'the impact of a new version on real traffic: recorded decisions it would decide differently, and which',
        tags: ['records'],
        'x-scope': 'records:read',
        parameters: [
          idParam,
          queryParam('from', 'the version in force', { type: 'string' }, true),
          queryParam('to', 'the new version', { type: 'string' }, true),
          queryParam('since', 'decisions recorded at or after (ISO date or instant)', { type: 'string' }),
          queryParam('until', 'decisions recorded before (ISO date or instant)', { type: 'string' }),
        ],
        responses: {
          '200': jsonResponse(
            'the diff on recorded inputs, and the decisions that change',
            closed(
              {
                report: ref('DiffReport'),
                examined: { type: 'integer' },
                changed: { type: 'integer' },
                decisions: listOf(
                  closed(
                    {
                      decisionId: { type: 'string' },
                      recordedAt: { type: 'string', format: 'date-time' },
                      subject: { oneOf: [ref('Subject'), { type: 'null' }] },
                      from: { type: 'object' },
                      to: { type: 'object' },
                    },
                    ['decisionId', 'recordedAt', 'subject', 'from', 'to'],
                  ),
                  'at most 1000; `truncated` counts the rest',
                ),
                truncated: { type: 'integer' },
              },
              ['report', 'examined', 'changed', 'decisions'],
            ),
          ),
          ...errors(404, 413, 501, 503),
        },
      },
    },
    '/v1/records/export': {
      get: {
        operationId: 'exportDecisions',
        summary: 'every matching record, streamed as JSON Lines (default) or CSV',
        tags: ['records'],
        'x-scope': 'records:export',
        parameters: [...filterParams, queryParam('format', '`jsonl` or `csv`', { enum: ['jsonl', 'csv'] })],
        responses: {
          '200': {
            description: 'the records, one per line',
            content: {
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...errors(501, 503),
        },
      },
    },
    '/v1/records/verify': {
      get: {
        operationId: 'verifyRecords',
        summary: 'recompute every writer’s hash chain; name the first record that breaks one',
        tags: ['records'],
        'x-scope': 'records:read',
        responses: { '200': jsonResponse('the verification', ref('ChainVerification')), ...errors(501, 503) },
      },
    },
    '/v1/records/holds': {
      get: {
        operationId: 'listHolds',
        summary: 'the legal holds in place',
        tags: ['records'],
        'x-scope': 'records:read',
        responses: {
          '200': jsonResponse('the holds', closed({ holds: listOf(ref('LegalHold')) }, ['holds'])),
          ...errors(501, 503),
        },
      },
      post: {
        operationId: 'setHold',
        summary: 'put a record, a subject or a case under legal hold: nothing it covers is destroyed',
        tags: ['records'],
        'x-scope': 'records:hold',
        requestBody: { required: true, content: { 'application/json': { schema: ref('HoldRequest') } } },
        responses: {
          '201': jsonResponse('the hold', ref('LegalHold')),
          ...errors(413, 415, 422, 501, 503),
        },
      },
    },
    '/v1/records/holds/{holdId}': {
      delete: {
        operationId: 'liftHold',
        summary: 'lift a legal hold',
        tags: ['records'],
        'x-scope': 'records:hold',
        parameters: [holdIdParam],
        responses: {
          '200': jsonResponse(
            'lifted',
            closed({ holdId: { type: 'string' }, lifted: { const: true } }, ['holdId', 'lifted']),
          ),
          ...errors(404, 501, 503),
        },
      },
    },
    '/v1/records/purge': {
      post: {
        operationId: 'purgeRecords',
        summary: 'what retention.records allows destroying today (dry run, the default), or destroy it',
        tags: ['records'],
        'x-scope': 'records:purge',
        requestBody: { required: true, content: { 'application/json': { schema: ref('PurgeRequest') } } },
        responses: {
          '200': jsonResponse('the purge', ref('Purge')),
          ...errors(404, 413, 415, 422, 501, 503),
        },
      },
    },
  },
  mount(app, ctx) {
    const jsonBody = acceptBody(mediaTypes.json, ctx.options.bodyLimit);

    app.get('/v1/decisions', async (c) => {
      const records = service(ctx);
      const limit = limitOf(c);
      const after = c.req.query('after');
      const page = await records.store.list(filterOf(c), { limit, ...(after ? { after } : {}) });
      const decisions = await Promise.all(page.items.map((r) => visible(c, records, r)));
      return c.json(page.next ? { decisions, next: page.next } : { decisions });
    });

    app.get('/v1/decisions/:decisionId', async (c) => {
      const records = service(ctx);
      return c.json(await visible(c, records, await recordOf(records, c.req.param('decisionId'))));
    });

    app.post('/v1/decisions/:decisionId/replay', async (c) => {
      const records = service(ctx);
      const record = await recordOf(records, c.req.param('decisionId'));
      const replay = await records.replayer.replay(c.get('index'), record);
      const shown = await visible(c, records, record);
      // The replay's own input is not echoed: the record holds it, masked as the caller may see it.
      return c.json({ ...replay, recorded: { ...replay.recorded, standard: shown.standard } });
    });

    app.get('/v1/standards/:id/diff/recorded', async (c) => {
      const records = service(ctx);
      const id = c.req.param('id');
      c.set('standard', { id });
      const from = requiredQuery(c, 'from');
      const to = requiredQuery(c, 'to');
      const { since, until } = filterOf(c);
      const range = { ...(since ? { since } : {}), ...(until ? { until } : {}) };
      return c.json(await recordedDiff(c.get('index'), records.store, id, from, to, range));
    });

    app.get('/v1/records/export', async (c) => {
      const records = service(ctx);
      const filter = filterOf(c);
      const format = c.req.query('format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') {
        throw queryError('format', `unknown format \`${format}\``, 'format is jsonl or csv');
      }
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      c.header('content-disposition', `attachment; filename="decisions.${format}"`);
      return stream(c, async (out) => {
        if (format === 'csv') await out.write(`${csvHeader()}\r\n`);
        for await (const record of records.store.stream(filter)) {
          const shown = await visible(c, records, record);
          await out.write(format === 'csv' ? `${csvRow(shown)}\r\n` : `${JSON.stringify(shown)}\n`);
        }
      });
    });

    app.get('/v1/records/verify', async (c) => c.json(await service(ctx).store.verify()));

    app.get('/v1/records/holds', async (c) => c.json({ holds: await service(ctx).store.holds() }));

    app.post('/v1/records/holds', jsonBody, async (c) => {
      const records = service(ctx);
      const body = holdBody(await readJson(c));
      const hold = { ...body, setBy: callerName(c), setAt: new Date().toISOString() };
      const holdId = await records.store.setHold(hold);
      return c.json({ holdId, ...hold }, 201);
    });

    app.delete('/v1/records/holds/:holdId', async (c) => {
      const holdId = c.req.param('holdId');
      if (!(await service(ctx).store.liftHold(holdId, callerName(c)))) {
        throw httpError('hold_unknown', `no legal hold \`${holdId}\``);
      }
      return c.json({ holdId, lifted: true as const });
    });

    app.post('/v1/records/purge', jsonBody, async (c) => {
      const records = service(ctx);
      const body = purgeBody(await readJson(c));
      return c.json(await purge(c.get('index'), records.store, today(), body.approvals, body.dryRun));
    });
  },
};

function service(ctx: ServerContext): RecordsService {
  return recordsOf(ctx);
}

async function recordOf(records: RecordsService, decisionId: string): Promise<StoredRecord> {
  const record = await records.store.get(decisionId);
  if (!record) throw httpError('decision_unknown', `no decision record \`${decisionId}\``);
  return record;
}

function visible(c: Context<AppEnv>, records: RecordsService, record: StoredRecord): Promise<StoredRecord> {
  const caller = c.get('caller') ?? { name: null, scopes: new Set(OPEN_SCOPES) };
  return records.visible(c.get('index'), record, mayDo(caller, 'records:personal'));
}

function callerName(c: Context<AppEnv>): string {
  return c.get('caller')?.name ?? 'open';
}

export function filterOf(c: Context<AppEnv>): DecisionFilter {
  const filter: DecisionFilter = {};
  for (const name of FILTERS) {
    const value = c.req.query(name);
    if (value !== undefined && value !== '') filter[name] = value;
  }
  for (const name of ['since', 'until'] as const) {
    const value = c.req.query(name);
    if (value === undefined || value === '') continue;
    filter[name] = instantOf(name, value);
  }
  return filter;
}

/** A date (midnight in the standard's time zone) or an instant, as a UTC instant. */
function instantOf(name: string, value: string): string {
  if (isIsoDate(value)) return new Date(`${value}T00:00:00+08:00`).toISOString();
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms)) {
    throw queryError(
      name,
      `\`${name}\` is an ISO date or instant, not \`${value}\``,
      'e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00',
    );
  }
  return new Date(ms).toISOString();
}

function requiredQuery(c: Context<AppEnv>, name: string): string {
  const value = c.req.query(name);
  if (value === undefined || value === '')
    throw queryError(name, `\`${name}\` is required`, 'e.g. ?from=1.1.0&to=1.2.0');
  return value;
}

function limitOf(c: Context<AppEnv>): number {
  return pageLimit(c.req.query('limit'));
}
