/** Shared fixtures for the checklist unit tests: a small document compiled once. */
import { type CompiledDocument, compileDocument } from '../../document.ts';
import type { CompiledChecklist } from './compile.ts';

/** Compiles a checklist from YAML text, failing loudly when it does not compile. */
export function compileChecklistText(text: string): { doc: CompiledDocument; cl: CompiledChecklist } {
  const { document, diagnostics } = compileDocument(text, 'test.yaml');
  if (!document) throw new Error(`does not compile: ${JSON.stringify(diagnostics)}`);
  return { doc: document, cl: document.compiled as CompiledChecklist };
}

/** A checklist that uses every feature once. */
export const sample = `kind: checklist
id: t.sample
version: 1.0.0
status: draft
title: sample
clause: "§2"
facts:
  jobType: { enum: [maintenance, ev-high-voltage] }
pass: { minScore: 80 }
sections:
  - id: ppe
    clause: "§2.1"
    items:
      - id: goggles
        text: goggles worn
      - id: gloves
        text: insulated gloves
        severity: critical
        when: { jobType: ev-high-voltage }
        evidence: photo
        clause: "§5.5"
      - id: depth
        text: tread depth
        answer: number
        unit: mm
        expect: { greaterThanInclusive: 1.6 }
        weight: 2
      - id: fluid
        text: brake fluid
        answer: choice
        choices: [good, dark, replace]
        expect: { in: [good, dark] }
  - id: proc
    order: sequential
    items:
      - { id: inspect, text: inspect, severity: minor }
      - { id: handle, text: handle }
`;
