/**
 * Evidence photos in both record stores (the same checks on SQLite and, when the test database is
 * there, PostgreSQL): kept once by the hash of their bytes, read back byte for byte, with their
 * type and size; an unknown or malformed hash finds nothing; the migration is additive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evidenceHash } from './evidence.ts';
import { openPostgresStore } from './postgres.ts';
import type { SqlRecordStore } from './sql-store.ts';
import { openSqliteStore } from './sqlite.ts';
import { makeRecord } from './testdata/sample.ts';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from './testing.ts';

/** A few bytes that start as a PNG does, and every byte value, so nothing is lost in storage. */
const photo = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 256 }, (_, i) => i),
]);

function evidenceSuite(
  name: string,
  open: () => Promise<SqlRecordStore>,
  cleanup: () => Promise<void>,
): void {
  describe(`evidence in the ${name} record store`, () => {
    afterAll(cleanup);

    it('keeps a photo once by its content hash and gives it back byte for byte', async () => {
      const store = await open();
      try {
        const kept = await store.putEvidence(photo, 'image/png');
        expect(kept).toEqual({ hash: evidenceHash(photo), bytes: photo.byteLength, type: 'image/png' });
        expect(kept.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
        // The same bytes again are the same evidence, not a second row.
        expect(await store.putEvidence(photo, 'image/png')).toEqual(kept);
        const back = await store.getEvidence(kept.hash);
        expect(back?.type).toBe('image/png');
        expect(back?.bytes).toBe(photo.byteLength);
        expect(Buffer.from(back?.data ?? []).equals(Buffer.from(photo))).toBe(true);
        expect(await store.sql.query('SELECT hash FROM evidence')).toHaveLength(1);
        // Records are untouched by it: the chain still starts at 1 and verifies.
        await store.append(makeRecord());
        expect((await store.verify()).ok).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('finds nothing for an unknown or malformed hash', async () => {
      const store = await open();
      try {
        expect(await store.getEvidence(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
        expect(await store.getEvidence("sha256:' OR 1=1 --")).toBeUndefined();
        expect(await store.getEvidence('md5:abc')).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}

const dirs: string[] = [];
evidenceSuite(
  'SQLite',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-evidence-'));
    dirs.push(dir);
    return openSqliteStore(dir);
  },
  async () => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  },
);

if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL;
  const schemas: TestSchema[] = [];
  evidenceSuite(
    'PostgreSQL',
    async () => {
      const schema = await createTestSchema(url);
      schemas.push(schema);
      return openPostgresStore(url, { schema: schema.name, max: 2 });
    },
    async () => {
      await Promise.all(schemas.splice(0).map((s) => s.drop()));
    },
  );
}
