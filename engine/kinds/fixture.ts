/**
 * What every kind's folder provides for the conformance suite (tests/kinds/conformance.test.ts):
 * `engine/kinds/<kind>/conformance.ts` exports `fixture`, a minimal document that uses the kind's
 * features, a request it answers, and an invariant it breaks.
 */
export interface KindFixture {
  /** A minimal valid document of the kind, as YAML (no `tests` or `invariants`: the suite adds them). */
  document: string;
  /** A request the document answers without an error. */
  request: {
    facts: Record<string, unknown>;
    answers?: Record<string, unknown>;
    /** A process's case history. */
    history?: unknown[];
    at?: string;
  };
  /** An invariant (as written under `invariants:`) that some input breaks. */
  failingInvariant: Record<string, unknown>;
  /** Kinds whose fixture documents this one names (a process's steps): loaded beside it. */
  companions?: string[];
  /** An output the kind's invariants can rank (`monotone`), for the unknown-output checks. */
  output: string;
}
