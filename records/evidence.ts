/**
 * Evidence photos in the records store, by content hash: the hash is computed here from the
 * bytes, never taken from the caller, so a hash always names exactly the bytes it was made from.
 */
import { createHash } from 'node:crypto';
import type { SqlExecutor } from './sql.ts';
import type { Evidence } from './store.ts';

/** `sha256:<hex>` of the bytes. */
export function evidenceHash(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export const EVIDENCE_HASH = /^sha256:[0-9a-f]{64}$/;

export async function putEvidence(sql: SqlExecutor, data: Uint8Array, type: string): Promise<Evidence> {
  const hash = evidenceHash(data);
  await sql.query(
    `INSERT INTO evidence (hash, media_type, bytes, data, stored_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (hash) DO NOTHING`,
    [hash, type, data.byteLength, Buffer.from(data).toString('base64'), new Date().toISOString()],
  );
  return { hash, bytes: data.byteLength, type };
}

export async function getEvidence(
  sql: SqlExecutor,
  hash: string,
): Promise<(Evidence & { data: Uint8Array }) | undefined> {
  if (!EVIDENCE_HASH.test(hash)) return undefined;
  const [row] = await sql.query('SELECT media_type, bytes, data FROM evidence WHERE hash = ?', [hash]);
  if (!row) return undefined;
  return {
    hash,
    bytes: Number(row.bytes),
    type: String(row.media_type),
    data: new Uint8Array(Buffer.from(String(row.data), 'base64')),
  };
}
