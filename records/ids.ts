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

/** Random bytes each id takes: 2 for the counter's start, 8 for the variant byte and rand_b. */
const RANDOM_BYTES = 10;
/** Ids whose random bytes one call to the system's generator fills (one call per id cost ~3 µs). */
const POOLED_IDS = 256;

/** Makes a generator of monotonic UUIDv7s reading the given clock (milliseconds since the epoch). */
export function uuidv7Generator(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  const pool = new Uint8Array(RANDOM_BYTES * POOLED_IDS);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    const at = next;
    next += RANDOM_BYTES;
    const now = clock();
    if (now > lastMs) {
      lastMs = now;
      counter = (((pool[at] as number) << 8) | (pool[at + 1] as number)) & COUNTER_START_MAX;
    } else if (counter < COUNTER_MAX) {
      // Same millisecond, or the clock went back: keep the last time so the order holds.
      counter++;
    } else {
      // The counter ran out within one millisecond: borrow the next one (RFC 9562 §6.2).
      lastMs++;
      counter = 0;
    }
    return format(lastMs, counter, pool, at);
  };
}

/** Two lowercase hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function format(ms: number, counter: number, random: Uint8Array, at: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 6; i++) {
    time = (HEX[t % 256] as string) + time;
    t = Math.floor(t / 256);
  }
  const hex = (i: number) => HEX[random[at + i] as number] as string;
  return (
    `${time.slice(0, 8)}-${time.slice(8)}-` +
    `${HEX[0x70 | (counter >> 8)]}${HEX[counter & 0xff]}-` +
    `${HEX[0x80 | ((random[at + 2] as number) & 0x3f)]}${hex(3)}-` +
    `${hex(4)}${hex(5)}${hex(6)}${hex(7)}${hex(8)}${hex(9)}`
  );
}

/** This process's UUIDv7s: each one sorts after every one made before it here. */
export const uuidv7: () => string = uuidv7Generator();

/** The millisecond timestamp a UUIDv7 carries. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
