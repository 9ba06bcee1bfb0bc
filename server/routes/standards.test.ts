import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTestdata, json, postJson, testApp } from '../testing.ts';

const { app } = testApp();

describe('GET /v1/standards', () => {
  it('lists every standard with its kind, title, versions and the version in force', async () => {
    const res = await app.request('/v1/standards?at=2026-03-01');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.at).toBe('2026-03-01');
    expect(body.standards).toEqual([
      {
        id: 'approval.work-order',
        kind: 'ruleset',
        title: expect.stringContaining('Work-order approval'),
        versions: ['1.0.0', '1.1.0'],
        current: '1.1.0',
      },
      {
        id: 'routing.job',
        kind: 'ruleset',
        title: expect.any(String),
        versions: ['1.0.0', '2.0.0'],
        current: '1.0.0',
      },
    ]);
  });

  it('says which version was in force at an earlier date', async () => {
    const body = await json(await app.request('/v1/standards?at=2025-06-01'));
    expect(body.standards[0].current).toBe('1.0.0');
  });

  it('gives null when no version was in force yet', async () => {
    const body = await json(await app.request('/v1/standards?at=2020-01-01'));
    expect(body.standards[0].current).toBeNull();
  });

  it('rejects a date that is not ISO with at_invalid (422)', async () => {
    const res = await app.request('/v1/standards?at=yesterday');
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('at_invalid');
  });
});

describe('GET /v1/standards/{id}', () => {
  it('lists the versions with status, effective date, digest, change, approval, file and which is in force', async () => {
    const res = await app.request('/v1/standards/approval.work-order?at=2026-03-01');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ id: 'approval.work-order', kind: 'ruleset', current: '1.1.0' });
    expect(body.versions[1]).toEqual({
      version: '1.1.0',
      status: 'approved',
      effective: '2026-01-01',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      change: expect.stringContaining('8000'),
      approved: { by: '王强', at: '2025-12-20' },
      file: 'rules/approval.work-order/1.1.0.yaml',
      inForce: true,
    });
    expect(body.versions[0].inForce).toBe(false);
  });

  it('shows a draft as not in force', async () => {
    const body = await json(await app.request('/v1/standards/routing.job?at=2026-03-01'));
    expect(body.versions.map((v: { status: string; inForce: boolean }) => [v.status, v.inForce])).toEqual([
      ['approved', true],
      ['draft', false],
    ]);
  });

  it('answers an unknown id with standard_unknown (404) and a suggestion', async () => {
    const res = await app.request('/v1/standards/approval.work-ordr');
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe('standard_unknown');
    expect(body.error.details[0].hint).toContain('approval.work-order');
  });
});

describe('GET /v1/standards/{id}/versions/{v}', () => {
  it('returns the document as JSON with its digest as the ETag', async () => {
    const res = await app.request('/v1/standards/approval.work-order/versions/1.0.0');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('etag')).toMatch(/^"sha256:[0-9a-f]{64}"$/);
    const doc = await json(res);
    expect(doc).toMatchObject({ kind: 'ruleset', id: 'approval.work-order', version: '1.0.0', hit: 'first' });
  });

  it('returns the YAML source as written with ?format=yaml', async () => {
    const res = await app.request('/v1/standards/approval.work-order/versions/1.1.0?format=yaml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^kind: ruleset\nid: approval\.work-order\nversion: 1\.1\.0/);
  });

  it('rejects an unknown format with query_invalid (400)', async () => {
    const res = await app.request('/v1/standards/approval.work-order/versions/1.1.0?format=xml');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('query_invalid');
  });

  it('answers an unknown version with version_unknown (404) listing the known ones', async () => {
    const res = await app.request('/v1/standards/approval.work-order/versions/9.9.9');
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe('version_unknown');
    expect(body.error.details[0].message).toContain('1.0.0, 1.1.0');
  });

  it('answers an unknown standard with standard_unknown (404)', async () => {
    const res = await app.request('/v1/standards/nope/versions/1.0.0');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('standard_unknown');
  });
});

describe('withheld versions over HTTP', () => {
  it('are listed with the reason, and nothing is in force in their place', async () => {
    const copy = copyTestdata();
    try {
      rmSync(join(copy.dir, 'norma.lock'));
      const { app: locked } = testApp({ lock: true }, copy.dir);
      const list = await json(await locked.request('/v1/standards?at=2026-03-01'));
      const approval = (list.standards as { id: string; current: string | null }[]).find(
        (s) => s.id === 'approval.work-order',
      );
      expect(approval).toMatchObject({ versions: ['1.0.0', '1.1.0'], current: null });
      const one = await json(await locked.request('/v1/standards/approval.work-order?at=2026-03-01'));
      expect(one.current).toBeNull();
      const versions = one.versions as { version: string; withheld?: { code: string; reason: string } }[];
      expect(versions.map((v) => [v.version, v.withheld?.code])).toEqual([
        ['1.0.0', 'lock_standard_withheld'],
        ['1.1.0', 'lock_standard_withheld'],
      ]);
      expect(versions[0]?.withheld?.reason).toContain('norma.lock');
      const evaluated = await locked.request(
        '/v1/standards/approval.work-order/evaluate',
        postJson({ facts: { estimateTotal: 100 }, at: '2026-03-01' }),
      );
      expect(evaluated.status).toBe(503);
      expect((await json(evaluated)).error).toMatchObject({ code: 'lock_standard_withheld' });
    } finally {
      copy.remove();
    }
  });
});
