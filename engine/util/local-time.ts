/**
 * Instants as a person in the standard's time zone reads them: `2026-12-02 16:15` (or with
 * seconds), never the UTC `…T08:15:00.000Z` a record keeps. Asia/Shanghai unless a process
 * names its own zone. A text that is not an instant is shown as it is.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function localTimeFormatter(
  timeZone: string = DEFAULT_TIME_ZONE,
  options: { seconds?: boolean } = {},
): (instant: string | undefined) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  });
  return (instant) => {
    if (instant === undefined) return '';
    const ms = Date.parse(instant);
    return Number.isNaN(ms) ? instant : format.format(new Date(ms));
  };
}
