/**
 * Cases over HTTP: open a work order for a process, submit its steps (each recorded as a decision
 * against the case), record its events and fact updates, read where it stands with its timeline,
 * list cases by stage or overdue, and print the case file. The work is records/cases.ts's.
 */
import type { Context } from 'hono';
import { renderCaseFile } from '../../engine/index.ts';
import type { CaseFilter, StoredCase } from '../../records/case-model.ts';
import type { Actor } from '../../records/cases.ts';
import type { RecordsService } from '../../records/service.ts';
import { acceptBody, mediaTypes, readJson } from '../body.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { errors, jsonResponse, pathParam, queryParam, ref } from '../openapi/helpers.ts';
import { PAGE_DEFAULT, PAGE_MAX, pageLimit, queryError } from '../query.ts';
import { recordsOf } from '../records-of.ts';
import { langParam, REPORT_HEADERS, reportLangOf } from '../reports.ts';
import { caseEventBody, caseOpenBody, casePatchBody, caseStepBody } from '../requests.ts';
import type { RouteModule } from './route.ts';

const caseIdParam = pathParam('caseId', 'a case’s id (UUIDv7)', '019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f');

const body = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});

export const casesRoutes: RouteModule = {
  paths: {
    '/v1/cases': {
      post: {
        operationId: 'openCase',
        summary: 'open a case (a work order) for a process and a subject; it keeps the version in force now',
        tags: ['cases'],
        'x-scope': 'evaluate',
        requestBody: body('CaseOpenRequest'),
        responses: {
          '201': jsonResponse('the case, where it stands', ref('Case')),
          ...errors(404, 413, 415, 422, 501, 503),
        },
      },
      get: {
        operationId: 'listCases',
        summary:
          'cases by process, stage and overdue, oldest first; keyset pages (`next` is the `after` of the next page)',
        tags: ['cases'],
        'x-scope': 'read',
        parameters: [
          queryParam('process', 'the process’s id', { type: 'string' }),
          queryParam('stage', 'the stage the case stands at', { type: 'string' }),
          queryParam('overdue', '`true`: only cases with a deadline past due now', {
            enum: ['true', 'false'],
          }),
          queryParam('subjectType', 'what the case is about', { type: 'string' }),
          queryParam('subjectId', 'its id', { type: 'string' }),
          queryParam('after', 'the `next` of the previous page', { type: 'string' }),
          queryParam('limit', `cases per page (1–${PAGE_MAX}, default ${PAGE_DEFAULT})`, { type: 'integer' }),
        ],
        responses: { '200': jsonResponse('a page of cases', ref('CaseList')), ...errors(501, 503) },
      },
    },
    '/v1/cases/{caseId}': {
      get: {
        operationId: 'getCase',
        summary:
          'where the case stands and its timeline (every decision with its version and digest, every event): the file `norma eval --history` reads',
        tags: ['cases'],
        'x-scope': 'read',
        parameters: [caseIdParam],
        responses: { '200': jsonResponse('the case', ref('Case')), ...errors(404, 501, 503) },
      },
      patch: {
        operationId: 'updateCaseFacts',
        summary: 'update the case’s facts (a JSON merge patch); every change is recorded with who made it',
        tags: ['cases'],
        'x-scope': 'evaluate',
        parameters: [caseIdParam],
        requestBody: body('CasePatchRequest'),
        responses: {
          '200': jsonResponse('the case', ref('Case')),
          ...errors(404, 413, 415, 422, 501, 503),
        },
      },
    },
    '/v1/cases/{caseId}/steps': {
      post: {
        operationId: 'submitCaseStep',
        summary:
          'submit a step: refused (409, coded) unless the process allows it now; else evaluated, recorded against the case',
        tags: ['cases'],
        'x-scope': 'evaluate',
        parameters: [caseIdParam],
        requestBody: body('CaseStepRequest'),
        responses: {
          '200': jsonResponse('the decision (with its decisionId) and the case', ref('CaseStep')),
          ...errors(404, 409, 413, 415, 422, 501, 503),
        },
      },
    },
    '/v1/cases/{caseId}/events': {
      post: {
        operationId: 'recordCaseEvent',
        summary: 'record an event of the case (delivered, call attempted, …)',
        tags: ['cases'],
        'x-scope': 'evaluate',
        parameters: [caseIdParam],
        requestBody: body('CaseEventRequest'),
        responses: {
          '201': jsonResponse('the case', ref('Case')),
          ...errors(404, 413, 415, 422, 501, 503),
        },
      },
    },
    '/v1/cases/{caseId}/report': {
      get: {
        operationId: 'caseFile',
        summary:
          'the case file (档案): a printable HTML report (zh or en) of every step, who did it, when, which version',
        tags: ['cases'],
        'x-scope': 'read',
        parameters: [caseIdParam, langParam],
        responses: {
          '200': {
            description: 'a printable HTML report',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
          ...errors(400, 404, 501, 503),
        },
      },
    },
  },
  mount(app, ctx) {
    const jsonBody = acceptBody(mediaTypes.json, ctx.options.bodyLimit);

    app.post('/v1/cases', jsonBody, async (c) => {
      const records = service(ctx);
      const request = caseOpenBody(await readJson(c));
      c.set('standard', { id: request.process });
      const kase = await records.cases.open(c.get('index'), request, actorOf(c));
      c.set('standard', { id: kase.process.id, version: kase.process.version });
      return c.json(kase, 201);
    });

    app.get('/v1/cases', async (c) => {
      const records = service(ctx);
      const after = c.req.query('after');
      const page = await records.cases.list(caseFilterOf(c), {
        limit: limitOf(c),
        ...(after ? { after } : {}),
      });
      const cases = page.items.map(summaryOf);
      return c.json(page.next ? { cases, next: page.next } : { cases });
    });

    app.get('/v1/cases/:caseId', async (c) => {
      const kase = await service(ctx).cases.view(c.get('index'), c.req.param('caseId'));
      return c.json(kase);
    });

    app.patch('/v1/cases/:caseId', jsonBody, async (c) => {
      const records = service(ctx);
      const { facts } = casePatchBody(await readJson(c));
      const kase = await records.cases.patch(c.get('index'), c.req.param('caseId'), facts, actorOf(c));
      return c.json(kase);
    });

    app.post('/v1/cases/:caseId/steps', jsonBody, async (c) => {
      const records = service(ctx);
      const submission = caseStepBody(await readJson(c));
      const { decision, case: kase } = await records.cases.step(
        c.get('index'),
        c.req.param('caseId'),
        submission,
        actorOf(c),
      );
      c.set('standard', { id: decision.standard.id, version: decision.standard.version });
      if (decision.decisionId) c.set('decisionId', decision.decisionId);
      return c.json({ decision, case: kase });
    });

    app.post('/v1/cases/:caseId/events', jsonBody, async (c) => {
      const records = service(ctx);
      const event = caseEventBody(await readJson(c));
      const kase = await records.cases.event(c.get('index'), c.req.param('caseId'), event, actorOf(c));
      return c.json(kase, 201);
    });

    app.get('/v1/cases/:caseId/report', async (c) => {
      const records = service(ctx);
      const index = c.get('index');
      const now = new Date().toISOString();
      const { doc } = await records.cases.load(index, c.req.param('caseId'));
      const kase = await records.cases.view(index, c.req.param('caseId'), now);
      c.set('standard', { id: doc.id, version: doc.version });
      return c.body(
        renderCaseFile(doc, kase, now, { lang: reportLangOf(c), fonts: 'link' }),
        200,
        REPORT_HEADERS,
      );
    });
  },
};

function service(ctx: ServerContext): RecordsService {
  return recordsOf(ctx, 'cases');
}

function actorOf(c: Context<AppEnv>): Actor {
  return { caller: c.get('caller')?.name ?? null, requestId: c.get('requestId') ?? null };
}

export function summaryOf(kase: StoredCase) {
  return {
    caseId: kase.caseId,
    process: kase.process,
    subject: kase.subject,
    openedAt: kase.openedAt,
    openedBy: kase.openedBy,
    updatedAt: kase.updatedAt,
    stage: kase.stage,
    complete: kase.complete,
    nextDue: kase.nextDue,
  };
}

/** The filter of a cases listing, from its query (the web app's cases page reads the same). */
export function caseFilterOf(c: Context<AppEnv>): CaseFilter {
  const filter: CaseFilter = {};
  for (const name of ['process', 'stage', 'subjectType', 'subjectId'] as const) {
    const value = c.req.query(name);
    if (value !== undefined && value !== '') filter[name] = value;
  }
  const overdue = c.req.query('overdue');
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
    throw queryError('overdue', `\`overdue\` is true or false, not \`${overdue}\``);
  }
  if (overdue === 'true') filter.overdueAt = new Date().toISOString();
  return filter;
}

function limitOf(c: Context<AppEnv>): number {
  return pageLimit(c.req.query('limit'));
}
