import { type Envelope, evaluateStandard, findVersion, NormaError, versionsOf } from '../../engine/index.ts';
import { acceptBody, mediaTypes, readJson } from '../body.ts';
import { boundedResults } from '../bounded.ts';
import { Deadline } from '../deadline.ts';
import { httpError } from '../errors.ts';
import { closed, errors, idParam, jsonResponse, listOf, ref } from '../openapi/helpers.ts';
import { batchBody, evaluateBody } from '../requests.ts';
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
        parameters: [idParam],
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
        parameters: [idParam],
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
  mount(app, { options }) {
    const jsonBody = acceptBody(mediaTypes.json, options.bodyLimit);

    app.post('/v1/standards/:id/evaluate', jsonBody, async (c) => {
      const id = c.req.param('id');
      c.set('standard', { id });
      const index = c.get('index');
      versionsOf(index, id);
      const request = evaluateBody(await readJson(c));
      // Only an explained run (json-rules-engine) is asynchronous, so only it can be raced: a
      // fast-path run is done before evaluateStandard returns, before any timer could fire.
      const deadline = request.explain ? new Deadline(options.timeoutMs) : undefined;
      const work = evaluateStandard(index, id, request);
      const envelope = await (deadline ? deadline.race(work) : work);
      c.set('standard', { id, version: envelope.standard.version });
      return c.json(envelope);
    });

    app.post('/v1/standards/:id/evaluate/batch', jsonBody, async (c) => {
      const id = c.req.param('id');
      c.set('standard', { id });
      const index = c.get('index');
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
      const results: (Envelope | NormaError)[] = [];
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
          const envelope = await evaluateStandard(index, id, item);
          versions.add(envelope.standard.version);
          results.push(envelope);
        } catch (e) {
          if (!(e instanceof NormaError)) throw e;
          results.push(e);
        }
      }
      c.set('standard', { id, ...(versions.size > 0 ? { version: [...versions].sort().join(',') } : {}) });
      return c.json({ results: boundedResults(results) });
    });
  },
};
