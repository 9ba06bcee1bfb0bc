import { describe, expect, it } from 'vitest';
import { conformance, type StoreHarness } from './conformance.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openPostgresStore } from './postgres.ts';
import { makeRecord } from './testdata/sample.ts';
import { createTestSchema, postgresUnavailable, TEST_DATABASE_URL, type TestSchema } from './testing.ts';

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

  describe('several processes on one PostgreSQL', () => {
    it('migrate a fresh database once when they open it at the same time', async () => {
      const schema = await createTestSchema(url);
      try {
        const stores = await Promise.all(
          Array.from({ length: 4 }, () => openPostgresStore(url, { schema: schema.name, max: 2 })),
        );
        await Promise.all(stores.map((s) => s.append(makeRecord())));
        expect(await schema.raw('SELECT count(*) AS n FROM records_migrations')).toEqual([
          { n: String(MIGRATIONS.length) },
        ]);
        expect(await stores[0]?.verify()).toMatchObject({
          ok: true,
          chains: stores.map(() => ({ records: 1 })),
        });
        await Promise.all(stores.map((s) => s.close()));
      } finally {
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
