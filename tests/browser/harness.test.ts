import { describe, expect, it } from 'vitest';
import { browserVerdict, chromiumArgs } from './harness.ts';

describe('the browser harness', () => {
  it('runs with Chromium, fails without it in CI, and says it did not run elsewhere', () => {
    expect(browserVerdict(true, undefined)).toBe('run');
    expect(browserVerdict(true, 'true')).toBe('run');
    expect(browserVerdict(false, 'true')).toBe('fail');
    expect(browserVerdict(false, '1')).toBe('fail');
    expect(browserVerdict(false, undefined)).toBe('not run');
    expect(browserVerdict(false, 'false')).toBe('not run');
  });

  it('starts Chromium with no sandbox, no GPU and nothing fetched from the network', () => {
    expect(chromiumArgs).toEqual(
      expect.arrayContaining([
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
      ]),
    );
  });
});
