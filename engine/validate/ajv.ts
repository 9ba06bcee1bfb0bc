import type { Ajv2020 } from 'ajv/dist/2020.js';
import { linearRegExp } from '../conditions/regex.ts';
import { ajv2020, ajvFormats } from '../packages.ts';

/**
 * A configured ajv for documents and inputs: all errors, formats, no coercion, and `pattern` in
 * the document dialect (RE2, linear time: regex.ts) instead of JavaScript's backtracking RegExp. `allErrors: false`
 * makes a smaller, faster validator that stops at the first error (for a yes/no check).
 */
export function createAjv(
  options: {
    useDefaults?: boolean;
    allErrors?: boolean;
    validateSchema?: boolean;
    /**
     * Compile quickly: ajv's code optimiser skipped. For schemas compiled at every start and run
     * once per document loaded (norma's kind schemas: ~170 → ~100 ms of start-up, loading as fast).
     * Not inlining referenced schemas would compile faster still, but loads 3,000 documents ~40 % slower.
     */
    quickCompile?: boolean;
    /** Keep each validator's source, for standalone code (engine/validate/precompiled.ts). */
    source?: boolean;
  } = {},
): Ajv2020 {
  const ajv = new (ajv2020().Ajv2020)({
    allErrors: options.allErrors ?? true,
    verbose: options.allErrors ?? true,
    strict: false,
    useDefaults: options.useDefaults ?? false,
    ownProperties: true,
    code: { regExp: linearRegExp, optimize: !options.quickCompile, source: options.source ?? false },
    validateSchema: options.validateSchema ?? true,
  });
  (ajvFormats() as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}
