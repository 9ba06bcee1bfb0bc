import type { Context } from 'hono';
import { evaluateStandard, findVersion, NormaError, versionsOf } from '../../engine/index.ts';
import type { RecordedEnvelope } from '../../records/recorder.ts';
import type { RecordsService } from '../../records/service.ts';
import { acceptBody, mediaTypes, readJson } from '../body.ts';
import { boundedResults } from '../bounded.ts';
import type { AppEnv } from '../context.ts';
import { Deadline } from '../deadline.ts';
import { httpError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { closed, errors, idParam, jsonResponse, langParam, listOf, ref } from '../openapi/helpers.ts';
import { langQuery } from '../query.ts';
import type { SubjectedRequest } from '../requests.ts';
import { batchBody, evaluateBody } from '../requests.ts';
import { OPEN_SCOPES } from '../scopes.ts';
import { serializeEnvelope } from '../serialize.ts';
import type { RouteModule } from './route.ts';

/** How long a batch runs before it yields to the event loop, so one batch cannot starve the rest. */
const YIELD_AFTER_MS = 10;

/** Evaluating a standard: one request, or a batch whose items succeed or fail on their own. */
export const evaluateRoutes: RouteModule = {
  paths: {
    '/v1/standards/{id}/evaluate': {
      post: {
        operationId: 'evaluate',
        summary: 'evaluate the version in force at `at` (or a pinned one) on facts and answers',
        tags: ['evaluate'],
        parameters: [idParam, langParam],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: ref('EvaluateRequest'),
              example: { facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' },
            },
          },
        },
        responses: {
          '200': jsonResponse('the result envelope', ref('Envelope')),
          ...errors(400, 404, 413, 415, 422, 503),
        },
      },
    },
    '/v1/standards/{id}/evaluate/batch': {
      post: {
        operationId: 'evaluateBatch',
        summary: 'evaluate many inputs; each item gets its envelope or its own error',
        tags: ['evaluate'],
        parameters: [idParam, langParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('BatchRequest') } },
        },
        responses: {
          '200': jsonResponse(
            'one result per item, in order',
            closed({ results: listOf({ oneOf: [ref('Envelope'), ref('Error')] }) }, ['results']),
          ),
          ...errors(400, 404, 413, 415, 422, 503),
        },
      },
    },
  },
  mount(app, { options, records, logger }) {
    const jsonBody = acceptBody(mediaTypes.json, options.bodyLimit);

    app.post('/v1/standards/:id/evaluate', jsonBody, async (c) => {
      const id = c.req.param('id');
      c.set('standard', { id });
      const index = c.get('index');
      versionsOf(index, id);
      const lang = langQuery(c);
      const request = evaluateBody(await readJson(c));
      // Only an explained run (json-rules-engine) is asynchronous, so only it can be raced: a
      // fast-path run is done before evaluateStandard returns, before any timer could fire.
      const deadline = request.explain ? new Deadline(options.timeoutMs) : undefined;
      const work = evaluateStandard(index, id, request, { lang });
      const envelope: RecordedEnvelope = await (deadline ? deadline.race(work) : work);
      c.set('standard', { id, version: envelope.standard.version });
      if (records) {
        envelope.decisionId = await recordDecision(c, records, logger, envelope, request);
        c.set('decisionId', envelope.decisionId);
      }
      // The envelope's own serializer: byte for byte JSON.stringify, faster (serialize.ts).
      return c.body(serializeEnvelope(envelope), 200, { 'content-type': 'application/json' });
    });

    app.post('/v1/standards/:id/evaluate/batch', jsonBody, async (c) => {
      const id = c.req.param('id');
      c.set('standard', { id });
      const index = c.get('index');
      const lang = langQuery(c);
      const body = batchBody(await readJson(c));
      if (body.items.length > options.batchMax) {
        throw httpError(
          'batch_too_large',
          `a batch holds at most ${options.batchMax} items, not ${body.items.length}`,
          [
            {
              code: 'batch_too_large',
              message: `limit: ${options.batchMax} items`,
              severity: 'error',
              hint: 'split the batch, or raise NORMA_BATCH_MAX on the server',
            },
          ],
        );
      }
      if (body.version === undefined) versionsOf(index, id);
      else findVersion(index, id, body.version);
      const deadline = new Deadline(options.timeoutMs);
      const results: (RecordedEnvelope | NormaError)[] = [];
      const committing: Promise<void>[] = [];
      const versions = new Set<string>();
      let ranSince = performance.now();
      for (const [i, item] of body.items.entries()) {
        deadline.check(i, body.items.length);
        if (performance.now() - ranSince > YIELD_AFTER_MS) {
          await new Promise((r) => setImmediate(r));
          ranSince = performance.now();
        }
        try {
          if (body.version !== undefined) item.version = body.version;
          const envelope: RecordedEnvelope = await evaluateStandard(index, id, item, { lang });
          versions.add(envelope.standard.version);
          const at = results.push(envelope) - 1;
          // Recorded together: the items' records share commits, and the answer waits for all.
          if (records) {
            committing.push(
              recordDecision(c, records, logger, envelope, item).then(
                (decisionId) => {
                  envelope.decisionId = decisionId;
                },
                (e: unknown) => {
                  results[at] =
                    e instanceof NormaError && e.code === 'records_unavailable' ? e : unrecorded(e);
                },
              ),
            );
          }
        } catch (e) {
          if (!(e instanceof NormaError)) throw e;
          results.push(e);
        }
      }
      await Promise.all(committing);
      c.set('standard', { id, ...(versions.size > 0 ? { version: [...versions].sort().join(',') } : {}) });
      return c.json({ results: boundedResults(results) });
    });
  },
};

/**
 * Records the decision and returns its id once committed; a store that cannot commit is
 * `records_unavailable` (503): the decision is not acknowledged, so the client may retry.
 */
async function recordDecision(
  c: Context<AppEnv>,
  records: RecordsService,
  logger: Logger,
  envelope: RecordedEnvelope,
  request: SubjectedRequest,
): Promise<string> {
  const input: Record<string, unknown> = { facts: request.facts ?? {} };
  if (request.answers !== undefined) input.answers = request.answers;
  // A process decides over a case's history: the record keeps it, so a replay decides the same.
  if (request.history !== undefined) input.history = request.history;
  const caller = c.get('caller') ?? { name: null, scopes: new Set(OPEN_SCOPES) };
  try {
    return await records.recorder.record(c.get('index'), envelope, input, {
      caller: caller.name,
      requestId: c.get('requestId') ?? null,
      subject: request.subject ?? null,
    });
  } catch (e) {
    logger.log('error', 'decision not recorded', { requestId: c.get('requestId'), error: String(e) });
    throw unrecorded(e);
  }
}

function unrecorded(e: unknown): NormaError {
  // Whatever the store said (`records_commit_failed`, a closed store), the client hears one code.
  const cause = e instanceof NormaError ? e.code : 'store';
  return httpError(
    'records_unavailable',
    'the decision was made but could not be recorded: it is not acknowledged',
    [
      {
        code: 'records_unavailable',
        message: `the records store did not commit the record (${cause})`,
        severity: 'error',
        hint: 'retry; the server log has the store’s error',
      },
    ],
  );
}
