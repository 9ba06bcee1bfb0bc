/**
 * The periodic review of an approved version (`reviewed: { by, at }`, ISO 9001 7.5.2: documents
 * are reviewed for continued suitability): a review confirms a version as it stands, so recording
 * one is not a change of content (the field is a lifecycle field, left out of the digest, like
 * `status`). A review is of an approved version, so it is not dated before the approval; and it has
 * happened, so it is not dated after today, read as the latest calendar date anywhere on Earth
 * (UTC+14), so that a review recorded in the morning in Shanghai is never in the future.
 */
import { compareDates, isIsoDate } from '../conditions/dates.ts';
import { type ParseContext, report } from '../conditions/parse.ts';
import { mapAt } from '../kinds/common.ts';

/** The hours the earliest time zone (Line Islands, UTC+14) is ahead of UTC. */
const EARLIEST_ZONE_HOURS = 14;

/** The latest calendar date anywhere on Earth at `now`. */
export function latestDateOnEarth(now: Date = new Date()): string {
  return new Date(now.getTime() + EARLIEST_ZONE_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** Checks `reviewed` against `approved` and today (`now`, the clock by default). */
export function checkReview(doc: Record<string, unknown>, ctx: ParseContext, now: Date = new Date()): void {
  if (doc.reviewed === undefined) return;
  const at = mapAt(doc.reviewed).at;
  // The schema reports a malformed date; there is nothing to compare then.
  if (!isIsoDate(at)) return;
  const approvedAt = mapAt(doc.approved).at;
  if (doc.approved === undefined || !isIsoDate(approvedAt)) {
    report(
      ctx,
      'review_before_approval',
      'a review is of an approved version, and this one has no approval',
      '/reviewed',
      {
        prefer: 'key',
        hint: 'record the approval (`approved: { by, at }`) first, or remove `reviewed`',
      },
    );
  } else if (compareDates(at, approvedAt) < 0) {
    report(
      ctx,
      'review_before_approval',
      `the review of ${at} is before the approval of ${approvedAt}: a version is reviewed after it is approved`,
      '/reviewed/at',
      { hint: `give the date of the review, on or after ${approvedAt}` },
    );
  }
  const today = latestDateOnEarth(now);
  if (compareDates(at, today) > 0) {
    report(
      ctx,
      'review_in_future',
      `the review of ${at} has not happened yet (today is ${today} at the latest)`,
      '/reviewed/at',
      {
        hint: 'record a review once it has been held, with the date it was held',
      },
    );
  }
}
