/**
 * The items of the dealership quality review of the bundled standard (2026-12), sections B and C
 * (sections A and D are fixed by the versions and documents whose `change` and tests name them),
 * each with what became of it: fixed in a named version, whose `change` names the item (the
 * generator checks it), answered here with the reason, or in progress in this release.
 * Rendered into docs/standard.md by scripts/standard-doc.ts.
 */
export interface ReviewItem {
  item: string;
  subject: string;
  status: 'fixed' | 'answered' | 'in progress';
  /** Fixed: `id@version` of each version whose `change` names the item. */
  versions?: string[];
  /** What was done, or why it stands as it is. */
  note: string;
}

export const REVIEW_ITEMS: ReviewItem[] = [
  {
    item: 'B10',
    subject: 'complaint deadlines by calendar date; escalation inverted',
    status: 'fixed',
    versions: ['complaint.handling@1.1.0'],
    note: '24 h and 7 days are instants; a missed response goes to the service manager, 7 days unresolved to the after-sales director',
  },
  {
    item: 'B11',
    subject: '`overrunPct` is an input',
    status: 'fixed',
    versions: ['approval.controls@1.1.0', 'estimate.authorisation@1.1.0'],
    note: 'the overrun is computed from the estimate (or signed revised total) and the final total',
  },
  {
    item: 'B12',
    subject: '`payType` unused; rule ids carry amounts',
    status: 'fixed',
    versions: ['approval.work-order@1.3.0'],
    note: 'a warranty job over the limit needs the manufacturer’s pre-authorisation; rule ids name bands',
  },
  {
    item: 'B13',
    subject: 'warranty old parts, goodwill invoice, 竣工出厂合格证 at delivery',
    status: 'fixed',
    versions: ['delivery.vehicle@1.2.0'],
    note: 'old parts kept for the claim (warranty.claim decides); invoice for what the customer pays; no certificate, no delivery (repair.management-duties decides)',
  },
  {
    item: 'B14',
    subject: 'a worn customer tyre fails an unrelated QC',
    status: 'fixed',
    versions: ['quality.control@1.1.0'],
    note: 'an advisory with the signed refusal (repair.declined decides; its 1.0.0 description predates this fix); tyre work held to GB 7258 1.6 / 3.2 mm',
  },
  {
    item: 'B15',
    subject: 'no hazard rated high; hazards missing',
    status: 'fixed',
    versions: ['risk.hazards@1.1.0', 'emergency.plans@1.1.0'],
    note: 'inherent risk ratings; fire, HV shock and battery thermal runaway high, each with its plan; six hazards added',
  },
  {
    item: 'B16',
    subject: 'personnel files 3 years vs 2 years after leaving',
    status: 'fixed',
    versions: ['retention.records@1.1.0', 'records.classification@1.1.0'],
    note: '2 years after leaving in both (劳动合同法 Art. 50); tests/standard/retention-periods.test.ts',
  },
  {
    item: 'B17',
    subject: 'goodwill at retail + markup + VAT; internal at cost with VAT',
    status: 'fixed',
    versions: ['fees.work-order@1.3.0', 'fees.work-order@1.4.0'],
    note: '1.3.0: goodwill at cost like internal work; 1.4.0: no VAT on internal or goodwill lines (`taxExempt`); tests/standard/vat-by-payer.test.ts',
  },
  {
    item: 'B18',
    subject: 'money units mixed (fen totals, yuan inputs)',
    status: 'fixed',
    versions: [
      'approval.work-order@1.3.0',
      'approval.controls@1.1.0',
      'approval.goodwill@1.1.0',
      'audit.fees@1.1.0',
      'estimate.authorisation@1.1.0',
      'recall.check@1.1.0',
      'repair.management-duties@1.1.0',
      'warranty.claim@1.1.0',
      'fees.work-order@1.4.0',
    ],
    note: 'every amount is integer fen named …Fen with `unit: CNY, scale: 2` (tests/standard/units.test.ts); the engine refuses comparing mixed units (`unit_mismatch`); a part’s cost is `unitCostFen`, and `unitCost` stays yuan under its own name for orders written before 1.4.0',
  },
  {
    item: 'B19',
    subject: 'GB/T 18384; insulation result as free text',
    status: 'fixed',
    versions: ['procedure.repair@1.2.0'],
    note: 'GB 18384-2020; a number in Ω/V against ≥ 100 (DC) and ≥ 500 (AC)',
  },
  {
    item: 'B20',
    subject: '“高压电工证”; yearly review',
    status: 'fixed',
    versions: [
      'qualification.technician@1.1.0',
      'safety.site@1.3.0',
      'process.work-order@1.1.0',
      'training.requirements@1.3.0',
    ],
    note: '特种作业操作证 (低压电工作业), 复审 every 3 years, plus the OEM HV authorisation; training.requirements defers to qualification.technician and, from 1.3.0, names the same certificate (tests/standard/hv-certificate.test.ts)',
  },
  {
    item: 'B21',
    subject: 'harm escalation only for violations; employer fines',
    status: 'fixed',
    versions: ['risk.responsibility@1.1.0'],
    note: 'serious harm raises every internal cause; performance-pay deduction under rules adopted per 劳动合同法 Art. 4',
  },
  {
    item: 'B22',
    subject: 'advisors scored on calls they may not make; “meets” gives 100',
    status: 'fixed',
    versions: ['scorecard.advisor@1.1.0'],
    note: 'scored on follow-up issues closed within 3 days; meets gives 90',
  },
  {
    item: 'B23',
    subject: 'audit sample size not checked',
    status: 'fixed',
    versions: ['process.audit@1.1.0'],
    note: 'a sample below 20 orders is refused',
  },
  {
    item: 'B24',
    subject: '7-day appeal window described, not encoded',
    status: 'fixed',
    versions: ['assessment.process@1.1.0'],
    note: 'an appeal more than 168 h after publication is out of time',
  },
  {
    item: 'B25',
    subject: 'unreached call retried forever',
    status: 'fixed',
    versions: ['followup.after-delivery@1.1.0'],
    note: 'two retries, each by the next day; then closed as unreachable',
  },
  {
    item: 'B26',
    subject: '`car` vs 汽车; cause; two failed repairs; restart of the period',
    status: 'fixed',
    versions: ['warranty.repair-quality@1.1.0'],
    note: 'automobile; free rework only for a repair-quality cause; after two failed repairs another repairer at the shop’s cost; the unconfirmed restart dropped',
  },
  {
    item: 'B27',
    subject: '`$at-30d` fails a calendar-monthly inspection',
    status: 'fixed',
    versions: ['safety.site@1.3.0'],
    note: 'one calendar month (GB 50444-2008 §5.2.1)',
  },
  {
    item: 'B28',
    subject: 'bundled 1.0.0 documents overdue for review; no review date in the header',
    status: 'fixed',
    versions: ['standards.revision@1.1.0'],
    note: 'the header takes `reviewed: { by, at }` (not digested, so a review is recorded on a locked version; `review_before_approval`, `review_in_future`; shown by `norma history` and `GET /v1/standards/{id}`); the yearly review counts from it, else from the approval. No bundled version records a review yet: a version approved more than a year ago and not revised in this release is rightly reported overdue until its review is recorded (tests/standard/review-dates.test.ts)',
  },
  {
    item: 'C29',
    subject: 'a customer needs approval to see their own settlement; later owner unredacted',
    status: 'fixed',
    versions: ['records.access@1.1.0'],
    note: 'own records without approval (个人信息保护法 Art. 45); a later owner gets a redacted copy',
  },
  {
    item: 'C30',
    subject: '专票 only when asked; 数电票',
    status: 'fixed',
    versions: ['accounting.records@1.1.0'],
    note: 'a special invoice only for a company customer that asks and gives its taxpayer details; invoices as 数电票',
  },
  {
    item: 'C31',
    subject: 'accounting records: appraisal, supervised destruction, fiscal-year start',
    status: 'fixed',
    versions: ['retention.records@1.2.0', 'records.classification@1.2.0'],
    note: 'counted from the end of the fiscal year (会计档案管理办法 第十四条), 10- and 30-year records, appraisal, signatures and 监销 before destruction; the records store’s retention and purge count an accounting record from its fiscal year’s end (records/purge.test.ts)',
  },
  {
    item: 'C32',
    subject: '`aggregate: min` hides the 24 h customer and insurer deadline',
    status: 'fixed',
    versions: ['emergency.response@1.2.0'],
    note: 'each notification carries its own deadline',
  },
  {
    item: 'C33',
    subject: 'the customer fee statement is not a 结算清单',
    status: 'answered',
    note: 'fixed in the report, not in a document: the customer statement of a fee schedule is a 结算清单 (托修方/承修方, plate, VIN, mileage, 工时费 and 材料费 itemised with the part category, warranty period and terms, signatures), never showing cost or markup; the internal statement is `?statement=internal` (docs/reports.md)',
  },
  {
    item: 'C34',
    subject: 'landlines, +86 and special plates rejected',
    status: 'fixed',
    versions: ['registration.service@1.2.0'],
    note: 'landlines, +86/0086 and 400 numbers; 港/澳/学/挂/警/领 and 使 plates',
  },
  {
    item: 'C35',
    subject: 'a diagnostic report for every hand-over',
    status: 'fixed',
    versions: ['handover.documents@1.2.0'],
    note: 'only for repair work where a fault is diagnosed',
  },
  {
    item: 'E',
    subject: 'language: Chinese first, English second',
    status: 'fixed',
    note: "human text takes `{zh, en}`, documents declare `lang` and `labels:`, results add labels in `?lang`/`--lang`, diagnostics carry a zh/en summary from one catalogue, reports, pages and the case page (its reasons included) follow the language; every one of the 50 documents has a bilingual edition (`change` starting `E:`, approved 2026-12-02, in force from 2026-12-03 or the day after the version it rewords), with a Chinese description beside the English one and a label in both languages for every output value, each checked by tests/standard/bilingual-editions.test.ts to decide exactly as the version before it. Left as written: rule titles and messages already in plain Chinese, and the event titles of the two processes (a result's next actions carry them in the document language). The Chinese texts are translations not yet reviewed by the quality manager",
  },
];
