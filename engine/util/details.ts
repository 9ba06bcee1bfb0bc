import { type Diagnostic, error } from '../diagnostics.ts';

/** At most this many details are kept in a request error; the rest are counted. */
export const MAX_DETAILS = 100;

/** The code of the last detail of a capped list, whose message says how many were left out. */
export const DETAILS_TRUNCATED = 'details_truncated';

/**
 * Collects the details of one request error, keeping the first `max` and counting the rest, so
 * that an input invalid in 60,000 ways costs 60,000 counts, not 60,000 messages and hints.
 * Details are built lazily: once the list is full, a detail's message is never made.
 */
export class DetailCollector {
  private readonly kept: Diagnostic[] = [];
  private total = 0;

  constructor(private readonly max = MAX_DETAILS) {}

  /** Adds a detail; `make` runs only while the list has room. */
  add(make: () => Diagnostic): void {
    this.total++;
    if (this.kept.length < this.max) this.kept.push(make());
  }

  /** How many details were added, kept or not. */
  get count(): number {
    return this.total;
  }

  /** The kept details, then one `details_truncated` detail when some were left out. */
  list(): Diagnostic[] {
    return capDetails(this.kept, this.total);
  }
}

/** The first `max` details, then a `details_truncated` one counting the rest (of `total`). */
export function capDetails(details: Diagnostic[], total = details.length, max = MAX_DETAILS): Diagnostic[] {
  const kept = details.length > max ? details.slice(0, max) : details;
  const omitted = total - kept.length;
  if (omitted <= 0) return kept;
  return [
    ...kept,
    error(DETAILS_TRUNCATED, `${omitted} more problem${omitted === 1 ? '' : 's'} left out`, {
      hint: `only the first ${kept.length} are listed; fix those and send again`,
    }),
  ];
}
