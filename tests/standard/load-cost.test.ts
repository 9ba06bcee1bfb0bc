import { describe, expect, it } from 'vitest';
import { inputValidatorsCompiled } from '../../engine/facts/model.ts';
import { bundledStandardsDir, loadStandards } from '../../engine/index.ts';

describe('loading the bundled standard', () => {
  it('runs every document’s tests without compiling an input validator (start-up)', () => {
    const index = loadStandards(bundledStandardsDir);
    expect(index.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...index.documents.values()].flat().length).toBeGreaterThan(100);
    // Inputs that fit are proved, and tests of inputs that must not fit are refuted, directly.
    expect(inputValidatorsCompiled()).toBe(0);
  });
});
