import { describe, expect, it } from 'vitest';
import { compareVersions } from './semver.ts';

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('1.0.90071992547409930', '1.0.90071992547409931')).toBe(-1);
  });

  it('sorts a pre-release before its release', () => {
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-beta')).toBe(-1);
  });

  it('follows semver precedence between pre-releases', () => {
    expect(compareVersions('1.0.0-rc.10', '1.0.0-rc.9')).toBe(1);
    expect(compareVersions('1.0.0-1', '1.0.0-alpha')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    // The example list of semver.org §11, in ascending order.
    const list = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    expect([...list].reverse().sort(compareVersions)).toEqual(list);
  });

  it('ignores build metadata', () => {
    expect(compareVersions('1.0.0+build.2', '1.0.0+build.1')).toBe(0);
    expect(compareVersions('1.0.0-rc.1+x', '1.0.0-rc.1')).toBe(0);
  });
});
