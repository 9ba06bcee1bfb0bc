/**
 * Versions for auditors over HTTP: the semantic and behavioural diff of two versions (JSON, text,
 * Markdown or HTML, by `?format=` or `Accept`), and the printable report of a version (blank, or
 * of an evaluation posted as the body).
 */
import type { Context } from 'hono';
import {
  type DiffInput,
  type DiffReport,
  diffInputOf,
  diffVersions,
  diffView,
  evaluateFast,
  findVersion,
  formatDiffText,
  isIsoDate,
  jsonLinesLimits,
  NormaError,
  parseJsonLines,
  renderDiff,
  renderReport,
} from '../../engine/index.ts';
import { acceptBody, checkJsonShape, readJson, readText } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { httpError } from '../errors.ts';
import { errors, idParam, queryParam, ref, versionParam } from '../openapi/helpers.ts';
import { htmlLangQuery } from '../query.ts';
import { diffBody, evaluateBody } from '../requests.ts';
import type { RouteModule } from './route.ts';

/** The most generated inputs one diff request may ask for: the diff runs on the request's time. */
export const MAX_DIFF_RUNS = 5000;
const DEFAULT_DIFF_RUNS = 500;

type DiffFormat = 'json' | 'text' | 'md' | 'html';

const MEDIA: Record<DiffFormat, string> = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

// Reports are static documents: nothing in them may run, load or be framed.
const REPORT_HEADERS = {
  'Content-Type': MEDIA.html,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'X-Content-Type-Options': 'nosniff',
};

// A report is for people: `?lang` first, then the browser's Accept-Language (query.ts).
const htmlLangParam = queryParam(
  'lang',
  'the language of the report: zh or en; without it, the browser’s Accept-Language, else zh',
  { enum: ['zh', 'en'] },
);

// A report's language may come from Accept-Language: caches keep one per language.
const REPORT_VARY = { ...REPORT_HEADERS, Vary: 'Accept-Language' };

const diffParameters = [
  idParam,
  queryParam('from', 'the older version', { type: 'string' }, true),
  queryParam('to', 'the newer version', { type: 'string' }, true),
  queryParam('format', 'json (default), text, md or html; otherwise chosen by `Accept`', {
    enum: ['json', 'text', 'md', 'html'],
  }),
  queryParam('runs', `generated inputs for the behavioural diff (0: none; at most ${MAX_DIFF_RUNS})`, {
    type: 'integer',
    minimum: 0,
    maximum: MAX_DIFF_RUNS,
  }),
  queryParam('seed', 'the generator seed; the same seed gives the same report', { type: 'integer' }),
  queryParam('at', 'the evaluation date (default: the newer version’s effective date)', {
    type: 'string',
    format: 'date',
  }),
];

const diffResponses = {
  '200': {
    description: 'the semantic diff and, unless `runs=0`, the behavioural diff',
    content: {
      'application/json': { schema: ref('DiffReport') },
      'text/plain': { schema: { type: 'string' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  },
};

const reportResponse = {
  '200': { description: 'a printable HTML report', content: { 'text/html': { schema: { type: 'string' } } } },
};

/** `GET|POST /v1/standards/{id}/diff`: what changed, and how often outcomes change. */
export const auditDiffRoutes: RouteModule = {
  paths: {
    '/v1/standards/{id}/diff': {
      get: {
        operationId: 'diff',
        summary: 'the semantic diff of two versions, with the behavioural diff on generated inputs',
        tags: ['versions'],
        parameters: diffParameters,
        responses: { ...diffResponses, ...errors(400, 404, 422, 503) },
      },
      post: {
        operationId: 'diffWithInputs',
        summary: 'the diff of two versions, also compared on real inputs sent as the body',
        tags: ['versions'],
        parameters: diffParameters,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('DiffRequest') },
            'application/x-ndjson': { schema: { type: 'string', description: 'one JSON object per line' } },
          },
        },
        responses: { ...diffResponses, ...errors(400, 404, 413, 415, 422, 503) },
      },
    },
  },
  mount(app, { options }) {
    app.get('/v1/standards/:id/diff', (c) => answerDiff(c, undefined));
    app.post(
      '/v1/standards/:id/diff',
      acceptBody(['application/json', 'application/x-ndjson'], options.bodyLimit),
      async (c) => answerDiff(c, await realInputs(c)),
    );
  },
};

/** `GET|POST /v1/standards/{id}/versions/{v}/report`: a blank form or summary, or an evaluation's report. */
export const auditReportRoutes: RouteModule = {
  paths: {
    '/v1/standards/{id}/versions/{v}/report': {
      get: {
        operationId: 'reportGet',
        summary: 'a printable HTML rendering of a version: a checklist’s blank form, or a document summary',
        tags: ['versions'],
        parameters: [idParam, versionParam, htmlLangParam],
        responses: { ...reportResponse, ...errors(404, 503) },
      },
      post: {
        operationId: 'reportPost',
        summary: 'a printable HTML report of an evaluation of this version on the posted facts and answers',
        tags: ['versions'],
        parameters: [idParam, versionParam, htmlLangParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('EvaluateRequest') } } },
        responses: { ...reportResponse, ...errors(400, 404, 413, 415, 422, 503) },
      },
    },
  },
  mount(app, { options }) {
    app.get('/v1/standards/:id/versions/:v/report', (c) => {
      const doc = findVersion(c.get('index'), c.req.param('id'), c.req.param('v'));
      c.set('standard', { id: doc.id, version: doc.version });
      return c.body(renderReport(doc, undefined, htmlLangQuery(c)), 200, REPORT_VARY);
    });
    app.post(
      '/v1/standards/:id/versions/:v/report',
      acceptBody(['application/json'], options.bodyLimit),
      async (c) => {
        const doc = findVersion(c.get('index'), c.req.param('id'), c.req.param('v'));
        c.set('standard', { id: doc.id, version: doc.version });
        const body = evaluateBody(await readJson(c));
        const request = {
          facts: body.facts,
          ...(body.answers !== undefined ? { answers: body.answers } : {}),
          ...(body.at !== undefined ? { at: body.at } : {}),
        };
        const envelope = evaluateFast(doc, request);
        const html = renderReport(
          doc,
          { envelope, facts: body.facts, ...(body.answers !== undefined ? { answers: body.answers } : {}) },
          htmlLangQuery(c),
        );
        return c.body(html, 200, REPORT_VARY);
      },
    );
  },
};

function answerDiff(c: Context<AppEnv>, inputs: DiffInput[] | undefined): Response {
  const id = c.req.param('id') as string;
  c.set('standard', { id });
  const from = requiredQuery(c, 'from');
  const to = requiredQuery(c, 'to');
  const format = formatOf(c);
  const runs = integerQuery(c, 'runs', 0, MAX_DIFF_RUNS) ?? DEFAULT_DIFF_RUNS;
  const seed = integerQuery(c, 'seed', -(2 ** 31), 2 ** 31 - 1);
  const at = c.req.query('at');
  if (at !== undefined && !isIsoDate(at)) {
    throw new NormaError('at_invalid', `\`at\` must be an ISO date such as 2026-03-01, not \`${at}\``);
  }
  const report: DiffReport = diffVersions(c.get('index'), id, from, to, {
    behaviour: runs > 0 || inputs !== undefined,
    runs,
    ...(seed !== undefined ? { seed } : {}),
    ...(at !== undefined ? { at } : {}),
    ...(inputs ? { inputs } : {}),
  });
  if (format === 'json') return c.json(report);
  const text =
    format === 'text'
      ? formatDiffText(diffView(report, 'the request body'))
      : renderDiff(report, format, 'the request body');
  return c.body(text, 200, format === 'html' ? REPORT_HEADERS : { 'Content-Type': MEDIA[format] });
}

/** `?format=` wins; otherwise the first of HTML, Markdown or plain text that `Accept` names; else JSON. */
function formatOf(c: Context<AppEnv>): DiffFormat {
  const asked = c.req.query('format');
  if (asked !== undefined) {
    if (asked === 'json' || asked === 'text' || asked === 'md' || asked === 'html') return asked;
    throw queryInvalid('format', `unknown format \`${asked}\``, 'format is json, text, md or html');
  }
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const offered: [string, DiffFormat][] = [
    ['application/json', 'json'],
    ['text/html', 'html'],
    ['text/markdown', 'md'],
    ['text/plain', 'text'],
  ];
  let best: { format: DiffFormat; at: number } | undefined;
  for (const [type, format] of offered) {
    const at = accept.indexOf(type);
    if (at >= 0 && (!best || at < best.at)) best = { format, at };
  }
  return best?.format ?? 'json';
}

function requiredQuery(c: Context<AppEnv>, name: string): string {
  const value = c.req.query(name);
  if (value === undefined || value === '') {
    throw queryInvalid(name, `\`${name}\` is required`, 'e.g. ?from=1.0.0&to=1.1.0');
  }
  return value;
}

function integerQuery(c: Context<AppEnv>, name: string, min: number, max: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw queryInvalid(name, `\`${name}\` must be a whole number from ${min} to ${max}, not \`${raw}\``);
  }
  return n;
}

function queryInvalid(name: string, message: string, hint?: string): NormaError {
  return httpError('query_invalid', message, [
    { code: 'query_invalid', message, severity: 'error', path: name, ...(hint ? { hint } : {}) },
  ]);
}

/** The real inputs of a POSTed diff: `{inputs: [...]}` as JSON, or JSON Lines; at most `jsonLinesLimits.maxInputs`. */
async function realInputs(c: Context<AppEnv>): Promise<DiffInput[]> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-ndjson') {
    const text = await readText(c);
    checkJsonShape(text, true);
    try {
      return parseJsonLines(text, 'the body');
    } catch (e) {
      if (e instanceof NormaError && e.code === 'input_malformed')
        throw httpError('body_malformed', e.message, e.details);
      throw e;
    }
  }
  const list = diffBody(await readJson(c)).inputs;
  if (list.length > jsonLinesLimits.maxInputs) {
    throw httpError(
      'input_too_large',
      `the body holds ${list.length} inputs, over the limit of ${jsonLinesLimits.maxInputs}`,
      [
        {
          code: 'input_too_large',
          message: `at most ${jsonLinesLimits.maxInputs} inputs`,
          severity: 'error',
          path: '/inputs',
          hint: 'compare on a sample of the inputs, or split them into several diffs',
        },
      ],
    );
  }
  // Each input is an object (the schema says so): a request `{facts, answers?}`, or bare facts.
  return list.map(diffInputOf);
}
