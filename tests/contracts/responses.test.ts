/**
 * The response check itself, and real answers of every kind held to the published schemas: each
 * test of every bundled standard evaluated with `explain`, and diffs of every standard with more
 * than one version (through `testApp`, whose `request` checks each response).
 */
import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, kinds } from '../../engine/index.ts';
import { describedKinds } from '../../server/openapi/results.ts';
import { json, postJson, testApp } from '../../server/testing.ts';
import { checkResponse } from './responses.ts';

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('checkResponse', () => {
  it('passes an answer the document declares', async () => {
    await checkResponse('GET', '/healthz', jsonResponse(200, { status: 'ok' }));
  });

  it('fails an undeclared field, an undeclared status and an undeclared media type', async () => {
    await expect(
      checkResponse('GET', '/healthz', jsonResponse(200, { status: 'ok', up: 1 })),
    ).rejects.toThrow(/does not fit the schema/);
    await expect(checkResponse('GET', '/healthz', jsonResponse(201, { status: 'ok' }))).rejects.toThrow(
      /status not declared/,
    );
    const text = new Response('ok', { status: 200, headers: { 'content-type': 'text/plain' } });
    await expect(checkResponse('GET', '/healthz', text)).rejects.toThrow(
      /content type `text\/plain` not declared/,
    );
  });

  it('fails a result that is not the shape of its kind', async () => {
    const envelope = {
      standard: { id: 'a', version: '1.0.0', digest: 'd' },
      at: '2026-03-01',
      kind: 'ruleset',
      result: { status: 'pass' },
      matched: [],
    };
    await expect(
      checkResponse('POST', '/v1/standards/a/evaluate', jsonResponse(200, envelope)),
    ).rejects.toThrow(/does not fit/);
  });
});

describe('results of every kind, as the engine answers them', () => {
  const { app, holder } = testApp({}, bundledStandardsDir);
  const documents = [...holder.index.documents.values()].flat();

  it('describes every kind the engine knows', () => {
    expect([...describedKinds].sort()).toEqual(Object.keys(kinds).sort());
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(Object.keys(kinds)));
  });

  // Every test of every bundled version: it grows with the standard, so it gets more than the default time.
  it('fits the published envelope for every test of every bundled version, explained and not', {
    timeout: 120_000,
  }, async () => {
    const explained = new Set<string>();
    for (const doc of documents) {
      const tests = (doc.data.tests ?? []) as Array<{
        facts?: unknown;
        answers?: unknown;
        history?: unknown;
        at?: string;
      }>;
      for (const t of tests) {
        for (const explain of [false, true]) {
          const body = {
            facts: t.facts ?? {},
            ...(t.answers !== undefined ? { answers: t.answers } : {}),
            ...(t.history !== undefined ? { history: t.history } : {}),
            ...(t.at !== undefined ? { at: t.at } : {}),
            version: doc.version,
            explain,
          };
          // testApp's request throws when an answer does not fit; errors (422) are checked too.
          const res = await app.request(`/v1/standards/${doc.id}/evaluate`, postJson(body));
          if (explain && res.status === 200) explained.add(doc.kind);
        }
      }
    }
    expect([...explained].sort()).toEqual(Object.keys(kinds).sort());
  });

  it('fits the published diff report for every pair of consecutive versions', async () => {
    let diffs = 0;
    for (const [id, versions] of holder.index.documents) {
      for (let i = 1; i < versions.length; i++) {
        const from = versions[i - 1]?.version;
        const to = versions[i]?.version;
        const res = await app.request(`/v1/standards/${id}/diff?from=${from}&to=${to}&runs=20&seed=1`);
        expect(res.status).toBe(200);
        expect((await json(res)).semantic.changes.length).toBeGreaterThanOrEqual(0);
        diffs++;
      }
    }
    expect(diffs).toBeGreaterThan(0);
  });
});
