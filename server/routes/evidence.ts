/**
 * Evidence photos of checklist answers: uploaded on their own route with their own size limit
 * (`NORMA_EVIDENCE_LIMIT`, default 5 MiB), stored by content hash in the records store, and cited
 * by that hash in an answer's `evidence` list, so the recorded decision holds the hash and the
 * photo it names can never change under it.
 */
import type { Context } from 'hono';
import { EVIDENCE_HASH } from '../../records/evidence.ts';
import type { RecordsService } from '../../records/service.ts';
import { limitBody } from '../body.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { httpError } from '../errors.ts';
import { closed, errors, jsonResponse, pathParam } from '../openapi/helpers.ts';
import { recordsOf } from '../records-of.ts';
import type { RouteModule } from './route.ts';

/** The default size limit of one photo: a phone's JPEG, not a RAW file. */
export const EVIDENCE_LIMIT = 5 * 1024 * 1024;

/** The image types kept, each with the bytes every file of that type starts with. */
const IMAGE_TYPES: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  // RIFF....WEBP
  'image/webp': (b) =>
    startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
};

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((p, i) => bytes[i] === p);
}

const hashParam = pathParam('hash', 'the photo’s content hash', `sha256:${'0'.repeat(64)}`);

const evidenceSchema = closed(
  {
    hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
    bytes: { type: 'integer' },
    type: { enum: Object.keys(IMAGE_TYPES) },
  },
  ['hash', 'bytes', 'type'],
);

export const evidenceRoutes: RouteModule = {
  paths: {
    '/v1/evidence': {
      post: {
        operationId: 'putEvidence',
        summary:
          'keep a photo (JPEG, PNG or WebP, checked by its bytes) by its content hash; cite the hash in an answer’s `evidence`',
        tags: ['records'],
        'x-scope': 'evaluate',
        requestBody: {
          required: true,
          content: Object.fromEntries(
            Object.keys(IMAGE_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
        responses: {
          '201': jsonResponse('the photo as kept', evidenceSchema),
          ...errors(413, 415, 501, 503),
        },
      },
    },
    '/v1/evidence/{hash}': {
      get: {
        operationId: 'getEvidence',
        summary: 'a kept photo, with its own content type',
        tags: ['records'],
        'x-scope': 'records:read',
        parameters: [hashParam],
        responses: {
          '200': {
            description: 'the photo',
            content: Object.fromEntries(
              Object.keys(IMAGE_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
            ),
          },
          ...errors(404, 501, 503),
        },
      },
    },
  },
  mount(app, ctx) {
    app.post(
      '/v1/evidence',
      typeChecked,
      limitBody(ctx.options.evidenceLimit ?? EVIDENCE_LIMIT),
      async (c) => {
        const records = service(ctx);
        const type = mediaType(c);
        const data = new Uint8Array(await c.req.arrayBuffer());
        // The declared type is the client's word; the bytes are the file's.
        if (!IMAGE_TYPES[type]?.(data)) {
          throw httpError('evidence_type_mismatch', `the body is not a ${type} file`, [
            {
              code: 'evidence_type_mismatch',
              message: `its first bytes are not those of ${type}`,
              severity: 'error',
              hint: 'send the photo’s file as it is, with its own Content-Type',
            },
          ]);
        }
        return c.json(await records.store.putEvidence(data, type), 201);
      },
    );

    app.get('/v1/evidence/:hash', async (c) => {
      const records = service(ctx);
      const hash = c.req.param('hash');
      const found = EVIDENCE_HASH.test(hash) ? await records.store.getEvidence(hash) : undefined;
      if (!found) throw httpError('evidence_unknown', `no evidence \`${hash}\``);
      return c.body(found.data as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': found.type,
        'X-Content-Type-Options': 'nosniff',
        // Named by its content: the bytes behind a hash never change.
        'Cache-Control': 'private, max-age=31536000, immutable',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
    });
  },
};

/** 415 before the body is read, unless it says it is one of the image types kept. */
async function typeChecked(c: Context<AppEnv>, next: () => Promise<void>): Promise<Response | undefined> {
  const type = mediaType(c);
  if (IMAGE_TYPES[type]) {
    await next();
    return undefined;
  }
  throw httpError(
    'evidence_type_unsupported',
    type ? `evidence of type \`${type}\` is not kept` : 'the upload has no Content-Type',
    [
      {
        code: 'evidence_type_unsupported',
        message: `send one of: ${Object.keys(IMAGE_TYPES).join(', ')}`,
        severity: 'error',
        hint: 'take the photo as JPEG, PNG or WebP',
      },
    ],
  );
}

function mediaType(c: Context<AppEnv>): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function service(ctx: ServerContext): RecordsService {
  return recordsOf(ctx, 'evidence');
}
