/**
 * Evidence photos over HTTP: kept by content hash with their own size limit, only JPEG, PNG and
 * WebP (declared and checked by their bytes), served back with their own strict content type and
 * nosniff; the scopes of uploading (evaluate) and reading (records:read); records off says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../grants.ts';
import { json, recordingApp, testApp } from '../testing.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50]);

const upload = (body: Uint8Array, type: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type, ...headers },
  body: body as Uint8Array<ArrayBuffer>,
});

describe('evidence photos over HTTP', () => {
  let h: Awaited<ReturnType<typeof recordingApp>>;
  beforeAll(async () => {
    h = await recordingApp({ evidenceLimit: 1024 });
  });
  afterAll(() => h.close());

  it('keeps a photo by its content hash and serves it back as it was, with its type and nosniff', async () => {
    for (const [bytes, type] of [
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const res = await h.app.request('/v1/evidence', upload(bytes, type));
      expect(res.status, type).toBe(201);
      const kept = await json(res);
      expect(kept).toEqual({
        hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        bytes: bytes.length,
        type,
      });
      const back = await h.app.request(`/v1/evidence/${kept.hash}`);
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe(type);
      expect(back.headers.get('x-content-type-options')).toBe('nosniff');
      expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
    }
    // The same bytes again are the same evidence.
    const a = await json(await h.app.request('/v1/evidence', upload(png, 'image/png')));
    const b = await json(await h.app.request('/v1/evidence', upload(png, 'image/png')));
    expect(a.hash).toBe(b.hash);
  });

  it('takes only images, checked by their bytes too, and no more than its own limit', async () => {
    const svg = await h.app.request(
      '/v1/evidence',
      upload(new TextEncoder().encode('<svg/>'), 'image/svg+xml'),
    );
    expect([svg.status, (await json(svg)).error.code]).toEqual([415, 'evidence_type_unsupported']);
    // A script that says it is a PNG is not kept.
    const liar = await h.app.request(
      '/v1/evidence',
      upload(new TextEncoder().encode('<script>'), 'image/png'),
    );
    expect([liar.status, (await json(liar)).error.code]).toEqual([415, 'evidence_type_mismatch']);
    const jpegAsPng = await h.app.request('/v1/evidence', upload(jpeg, 'image/png'));
    expect((await json(jpegAsPng)).error.code).toBe('evidence_type_mismatch');
    const big = new Uint8Array(2048);
    big.set(png);
    const tooBig = await h.app.request('/v1/evidence', upload(big, 'image/png'));
    expect([tooBig.status, (await json(tooBig)).error.code]).toEqual([413, 'body_too_large']);
  });

  it('answers evidence_unknown for a hash it does not keep, or one that is not a hash', async () => {
    for (const hash of [`sha256:${'0'.repeat(64)}`, 'not-a-hash']) {
      const res = await h.app.request(`/v1/evidence/${hash}`);
      expect([res.status, (await json(res)).error.code]).toEqual([404, 'evidence_unknown']);
    }
  });

  it('with recording off, says there is nowhere to keep evidence', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/evidence', upload(png, 'image/png'));
    expect([res.status, (await json(res)).error.code]).toEqual([501, 'records_off']);
  });
});

describe('who may upload and read evidence', () => {
  const tokens = { tablet: 'tablet-token-0123456789', auditor: 'auditor-token-0123456789' };
  let h: Awaited<ReturnType<typeof recordingApp>>;
  beforeAll(async () => {
    h = await recordingApp({
      grants: [
        { name: 'tablet', sha256: sha256Of(tokens.tablet), scopes: new Set(['evaluate'] as const) },
        { name: 'auditor', sha256: sha256Of(tokens.auditor), scopes: new Set(['records:read'] as const) },
      ],
    });
  });
  afterAll(() => h.close());
  const as = (name: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[name]}` });

  it('a tablet (evaluate) uploads, an auditor (records:read) reads, neither does the other', async () => {
    const made = await h.app.request('/v1/evidence', upload(png, 'image/png', as('tablet')));
    expect(made.status).toBe(201);
    const { hash } = await json(made);
    expect((await h.app.request('/v1/evidence', upload(png, 'image/png', as('auditor')))).status).toBe(403);
    expect((await h.app.request(`/v1/evidence/${hash}`, { headers: as('tablet') })).status).toBe(403);
    expect((await h.app.request(`/v1/evidence/${hash}`, { headers: as('auditor') })).status).toBe(200);
  });
});
