import { describe, expect, it } from 'vitest';
import { localTimeFormatter } from './local-time.ts';

describe('local time', () => {
  it('shows an instant in Asia/Shanghai, across the date line of UTC', () => {
    const local = localTimeFormatter();
    expect(local('2026-12-02T08:15:36.123Z')).toBe('2026-12-02 16:15');
    expect(local('2026-12-02T17:30:00Z')).toBe('2026-12-03 01:30');
    expect(localTimeFormatter(undefined, { seconds: true })('2026-12-02T08:15:36.123Z')).toBe(
      '2026-12-02 16:15:36',
    );
  });

  it('follows a named zone, and leaves what is not an instant as written', () => {
    expect(localTimeFormatter('Europe/Berlin')('2026-07-01T10:00:00Z')).toBe('2026-07-01 12:00');
    expect(localTimeFormatter()('not a time')).toBe('not a time');
    expect(localTimeFormatter()(undefined)).toBe('');
  });
});
