import { describe, expect, it } from 'vitest';
import { conformance, type StoreHarness } from './conformance.ts';
import { openStore } from './open.ts';
import { openPostgresStore } from './postgres.ts';
import { makeRecord } from './testdata/sample.ts';
import {
  createTestSchema,
  postgresUnavailable,
  schemaUrl,
  TEST_DATABASE_URL,
  type TestSchema,
} from './testing.ts';

function postgresHarness(url: string): StoreHarness {
  const schemas: TestSchema[] = [];
  return {
    async fresh() {
      const schema = await createTestSchema(url);
      schemas.push(schema);
      return { open: () => openPostgresStore(url, { schema: schema.name, max: 4 }), raw: schema.raw };
    },
    async cleanup() {
      await Promise.all(schemas.splice(0).map((s) => s.drop()));
    },
  };
}

if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL;
  conformance('postgres', postgresHarness(url));

  describe('a PostgreSQL store opened from a URL alone', () => {
    it('keeps its tables in the schema the URL names as search_path', async () => {
      const schema = await createTestSchema(url);
      try {
        const store = await openStore({ dataDir: '/nonexistent', databaseUrl: schemaUrl(url, schema.name) });
        expect(store.driver).toBe('postgres');
        const record = makeRecord();
        await store.append(record);
        expect(await schema.raw('SELECT decision_id FROM decisions')).toEqual([
          { decision_id: record.decisionId },
        ]);
        await store.close();
      } finally {
        await schema.drop();
      }
    });
  });

  describe('a PostgreSQL store losing its connections', () => {
    it('fails the commits cut off, then goes on with a chain that verifies', async () => {
      const schema = await createTestSchema(url);
      const name = `norma_cut_${schema.name.slice(-12)}`;
      const cutUrl = new URL(url);
      cutUrl.searchParams.set('application_name', name);
      const store = await openPostgresStore(cutUrl.toString(), { schema: schema.name, max: 2 });
      try {
        await store.append(makeRecord());
        const settled = Promise.allSettled(Array.from({ length: 300 }, () => store.append(makeRecord())));
        await new Promise((resolve) => setImmediate(resolve)); // the first batch is on its way
        await schema.raw(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?',
          [name],
        );
        const results = await settled;
        expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'records_commit_failed' });
        }
        const after = await store.append(makeRecord());
        const committed = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
        for (const r of [...committed, after]) expect(await store.get(r.decisionId)).toEqual(r);
        expect(await store.verify()).toMatchObject({ ok: true, chains: [{ records: after.seq }] });
      } finally {
        await store.close();
        await schema.drop();
      }
    });
  });
} else {
  postgresUnavailable('postgres record store');
}

describe('opening the PostgreSQL store', () => {
  it('refuses a URL that is not PostgreSQL', async () => {
    await expect(openPostgresStore('mysql://root@localhost/db')).rejects.toMatchObject({
      code: 'records_url_invalid',
    });
    await expect(openPostgresStore('not a url')).rejects.toMatchObject({ code: 'records_url_invalid' });
  });

  it('says it cannot reach a server that is not there, without the password', async () => {
    const error = await openPostgresStore('postgres://norma:secret@127.0.0.1:1/none').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'records_unreachable' });
    expect((error as Error).message).toContain('postgres://norma:***@127.0.0.1:1/none');
    expect((error as Error).message).not.toContain('secret');
  });
});
