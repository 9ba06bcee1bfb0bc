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

  describe('key locks across two stores on one PostgreSQL (two replicas)', () => {
    it('runs the work of one key one store at a time, and of different keys at once', async () => {
      const schema = await createTestSchema(url);
      const one = await openPostgresStore(url, { schema: schema.name, max: 3 });
      const two = await openPostgresStore(url, { schema: schema.name, max: 3 });
      try {
        const events: string[] = [];
        const hold = (store: typeof one, name: string, key: string) =>
          store.withKeyLock(key, async () => {
            events.push(`${name} in`);
            await new Promise((r) => setTimeout(r, 150));
            events.push(`${name} out`);
            return name;
          });
        // The same case on both replicas: whichever goes first, the other waits for it to finish.
        expect(await Promise.all([hold(one, 'a', 'case:1'), hold(two, 'b', 'case:1')])).toEqual(['a', 'b']);
        expect([
          ['a in', 'a out', 'b in', 'b out'],
          ['b in', 'b out', 'a in', 'a out'],
        ]).toContainEqual(events);
        // Different cases do not wait on each other.
        events.length = 0;
        await Promise.all([hold(one, 'c', 'case:2'), hold(two, 'd', 'case:3')]);
        expect(events.slice(0, 2).sort()).toEqual(['c in', 'd in']);
        // A failed work releases its lock.
        await expect(one.withKeyLock('case:4', async () => Promise.reject(new Error('no')))).rejects.toThrow(
          'no',
        );
        expect(await two.withKeyLock('case:4', async () => 'taken')).toBe('taken');
      } finally {
        await one.close();
        await two.close();
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
