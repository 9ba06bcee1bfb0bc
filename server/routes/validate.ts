import {
  codeSummary,
  compileFile,
  type Diagnostic,
  hasErrors,
  indexFiles,
  type StandardsIndex,
} from '../../engine/index.ts';
import { acceptBody, mediaTypes, readText } from '../body.ts';
import { capDiagnostics } from '../bounded.ts';
import { CompilePool } from '../compile-pool.ts';
import { httpError } from '../errors.ts';
import { closed, errors, jsonResponse, langParam, listOf, queryParam, ref } from '../openapi/helpers.ts';
import { langQuery } from '../query.ts';
import type { RouteModule } from './route.ts';

/** The file name diagnostics carry when the caller does not say where the document would live. */
const UNNAMED = 'document.yaml';

const validation = closed({ valid: { type: 'boolean' }, diagnostics: listOf(ref('Diagnostic')) }, [
  'valid',
  'diagnostics',
]);

/** Checking a YAML document sent in the body, as `norma validate` would. */
export const validateRoutes: RouteModule = {
  paths: {
    '/v1/validate': {
      post: {
        operationId: 'validate',
        summary: 'check a YAML document: every diagnostic at file:line:col',
        description:
          'With `?file=rules/<id>/<version>.yaml` the id and version are checked against the path, and the ' +
          'document is checked against the other versions served (kind, change note).',
        tags: ['validate'],
        parameters: [
          queryParam('file', 'where the document would live in the standards directory', {
            type: 'string',
            maxLength: 300,
          }),
          langParam,
        ],
        requestBody: {
          required: true,
          content: Object.fromEntries(mediaTypes.yaml.map((t) => [t, { schema: { type: 'string' } }])),
        },
        responses: {
          '200': jsonResponse('the document is valid (warnings may be listed)', validation),
          '422': jsonResponse('the document has errors', validation),
          ...errors(400, 413, 415),
        },
      },
    },
  },
  mount(app, { options }) {
    const pool = new CompilePool(options.timeoutMs);
    app.post('/v1/validate', acceptBody(mediaTypes.yaml, options.bodyLimit), async (c) => {
      const lang = langQuery(c);
      const text = await readText(c);
      const file = c.req.query('file');
      if (file !== undefined && (file.length === 0 || file.length > 300)) {
        throw httpError('query_invalid', '`file` must be a path such as rules/<id>/<version>.yaml', [
          { code: 'query_invalid', message: 'file is 1 to 300 characters', severity: 'error', path: 'file' },
        ]);
      }
      // Compiled off the server's thread: a large hostile document must not hold health checks.
      const checked = await pool.compile(text, file ?? UNNAMED, file !== undefined);
      // A document that compiles is checked again beside the served versions of its id.
      const diagnostics =
        file !== undefined && checked.compiled ? asServed(c.get('index'), file, text) : checked.diagnostics;
      const valid = !hasErrors(diagnostics);
      // Each diagnostic gains its code's summary in the language asked for; `message` stays English.
      const summarised = capDiagnostics(diagnostics).map((d) => ({
        ...d,
        summary: codeSummary(d.code, lang),
      }));
      return c.json({ valid, diagnostics: summarised }, valid ? 200 : 422);
    });
  },
};

/** Checks a document as if it were saved at `file` in the served directory, beside its other versions. */
function asServed(index: StandardsIndex, file: string, text: string): Diagnostic[] {
  const files = new Map(index.files);
  files.set(file, compileFile(file, text));
  return indexFiles(index.dir, files, index).diagnostics.filter((d) => d.file === file);
}
