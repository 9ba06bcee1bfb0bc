/**
 * Time-ordered decision ids: UUIDv7 (RFC 9562 §5.7). `crypto.randomUUID` makes v4, whose random
 * order would scatter every insert across the decisions index and make keyset pages meaningless.
 *
 * Layout: 48-bit Unix milliseconds, version 7, a 12-bit counter in rand_a (RFC 9562 §6.2, method 1)
 * so ids made in the same millisecond still sort in the order they were made, the variant `10`,
 * then 62 random bits.
 */
import { randomFillSync } from 'node:crypto';

const COUNTER_MAX = 0xfff;
/** A new millisecond starts the counter below half its range, so it has room to count up. */
const COUNTER_START_MAX = 0x7ff;

/** A UUIDv7 in its canonical lowercase 8-4-4-4-12 form. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Makes a generator of monotonic UUIDv7s reading the given clock (milliseconds since the epoch). */
export function uuidv7Generator(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  const random = new Uint8Array(10);
  return () => {
    randomFillSync(random);
    const now = clock();
    if (now > lastMs) {
      lastMs = now;
      counter = (((random[0] as number) << 8) | (random[1] as number)) & COUNTER_START_MAX;
    } else if (counter < COUNTER_MAX) {
      // Same millisecond, or the clock went back: keep the last time so the order holds.
      counter++;
    } else {
      // The counter ran out within one millisecond: borrow the next one (RFC 9562 §6.2).
      lastMs++;
      counter = 0;
    }
    return format(lastMs, counter, random);
  };
}

function format(ms: number, counter: number, random: Uint8Array): string {
  const bytes = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((random[2] as number) & 0x3f);
  bytes.set(random.subarray(3, 10), 9);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This process's UUIDv7s: each one sorts after every one made before it here. */
export const uuidv7: () => string = uuidv7Generator();

/** The millisecond timestamp a UUIDv7 carries. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
