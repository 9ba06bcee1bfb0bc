/**
 * Every heading and label a printed report shows, in Chinese and English, in one place: the
 * templates ask for them by key (`{{l "result"}}`), and codes (statuses, severities, answers,
 * outcomes, part categories) print as words through `codeWord`. Chinese is the default: the
 * reports are read and signed at a Chinese dealership; a customer-facing report takes the
 * customer's language when the caller gives one.
 */

import type { Lang } from './lang.ts';
import { wording } from './text.ts';

/** The languages reports print in: the engine's languages. */
export type ReportLang = Lang;

/** The languages reports print in, default first. */
export const REPORT_LANGS: readonly ReportLang[] = ['zh', 'en'];

type Pair = { zh: string; en: string };

const LABELS = {
  // Page furniture and the header block.
  page: { zh: '第 {page} 页 / 共 {pages} 页', en: 'Page {page} of {pages}' },
  standard: { zh: '标准', en: 'Standard' },
  version: { zh: '版本', en: 'Version' },
  status: { zh: '状态', en: 'Status' },
  inForceFrom: { zh: '生效日期', en: 'In force from' },
  clause: { zh: '条款', en: 'Clause' },
  owner: { zh: '责任部门', en: 'Owner' },
  approved: { zh: '批准', en: 'Approved' },
  change: { zh: '变更说明', en: 'Change' },
  digest: { zh: '摘要', en: 'Digest' },
  renderedBy: { zh: '由 norma 生成', en: 'rendered by norma' },
  evaluatedAt: { zh: '评估日期', en: 'Evaluated at' },
  // Identifying fields (report heading).
  workOrder: { zh: '工单号', en: 'Work order' },
  vin: { zh: '车辆识别代号 (VIN)', en: 'VIN' },
  plate: { zh: '车牌号', en: 'Plate' },
  mileage: { zh: '行驶里程', en: 'Mileage' },
  technician: { zh: '维修技师', en: 'Technician' },
  advisor: { zh: '服务顾问', en: 'Service advisor' },
  customer: { zh: '客户', en: 'Customer' },
  date: { zh: '日期', en: 'Date' },
  vehicle: { zh: '车型', en: 'Vehicle' },
  km: { zh: '公里', en: 'km' },
  // Checklists.
  item: { zh: '检查项目', en: 'Item' },
  severity: { zh: '严重度', en: 'Severity' },
  answer: { zh: '结果', en: 'Answer' },
  byTime: { zh: '检查人 / 时间', en: 'By / time' },
  evidence: { zh: '证据', en: 'Evidence' },
  evidenceRequired: { zh: '须附证据', en: 'evidence' },
  appliesWhen: { zh: '适用条件', en: 'applies when' },
  expected: { zh: '要求', en: 'expected' },
  sequential: {
    zh: '按顺序完成以下项目，并记录每项时间。',
    en: 'Do these items in order; note the time of each.',
  },
  result: { zh: '结果', en: 'Result' },
  score: { zh: '得分', en: 'Score' },
  blocking: { zh: '阻断项', en: 'Blocking' },
  facts: { zh: '输入信息', en: 'Facts' },
  // Scorecards.
  grade: { zh: '等级', en: 'Grade' },
  criteria: { zh: '考核项目', en: 'Criteria' },
  criterion: { zh: '考核项目', en: 'Criterion' },
  points: { zh: '得分', en: 'Points' },
  weight: { zh: '权重', en: 'Weight' },
  weighted: { zh: '加权得分', en: 'Weighted' },
  vetoes: { zh: '一票否决', en: 'Vetoes' },
  veto: { zh: '否决项', en: 'Veto' },
  when: { zh: '条件', en: 'When' },
  gradeCappedAt: { zh: '最高等级', en: 'Grade capped at' },
  outcome: { zh: '结论', en: 'Outcome' },
  minimumScore: { zh: '最低分', en: 'Minimum score' },
  grades: { zh: '等级', en: 'Grades' },
  // Document summary.
  decision: { zh: '决定', en: 'Decision' },
  decidedBy: { zh: '依据规则', en: 'Decided by' },
  noRuleMatched: { zh: '没有规则匹配', en: 'No rule matched' },
  defaultApplies: { zh: '适用默认结果', en: 'the default applies' },
  inputs: { zh: '输入信息 (事实)', en: 'Inputs (facts)' },
  fact: { zh: '事实', en: 'Fact' },
  type: { zh: '类型', en: 'Type' },
  description: { zh: '说明', en: 'Description' },
  decisionTable: { zh: '决策表', en: 'Decision table' },
  hitPolicy: { zh: '命中策略', en: 'Hit policy' },
  outputs: { zh: '输出', en: 'Outputs' },
  rule: { zh: '规则', en: 'Rule' },
  thenSets: { zh: '结果', en: 'Then' },
  default: { zh: '默认', en: 'default' },
  nothingElse: { zh: '其他情况', en: 'nothing else matches' },
  labourRates: { zh: '工时单价 (按首个匹配)', en: 'Labour rates (first match)' },
  rate: { zh: '单价', en: 'Rate' },
  partsMarkup: { zh: '配件加价 (按首个匹配)', en: 'Parts markup (first match)' },
  markupPct: { zh: '加价率 %', en: 'Markup %' },
  discounts: { zh: '折扣', en: 'Discounts' },
  discount: { zh: '折扣', en: 'Discount' },
  discountCap: { zh: '合计折扣上限 (%)', en: 'all discounts together at most (%)' },
  on: { zh: '适用于', en: 'On' },
  tax: { zh: '税', en: 'Tax' },
  stages: { zh: '阶段', en: 'Stages' },
  stage: { zh: '阶段', en: 'Stage' },
  applies: { zh: '适用', en: 'Applies' },
  always: { zh: '始终', en: 'always' },
  steps: { zh: '步骤：依据标准，完成条件', en: 'Steps: standard, done when' },
  optional: { zh: '可选', en: 'optional' },
  gate: { zh: '放行条件', en: 'gate' },
  deadlines: { zh: '时限', en: 'Deadlines' },
  deadline: { zh: '期限', en: 'Deadline' },
  within: { zh: '时限', en: 'Within' },
  // Fee statement (internal) and 结算清单.
  internalStatement: {
    zh: '内部费用核算单 (含成本，仅限内部)',
    en: 'Internal pricing statement (with cost; internal only)',
  },
  internalNote: {
    zh: '本单含配件成本与加价率，不得交给客户。',
    en: 'Shows part cost and markup: never give it to the customer.',
  },
  settlement: { zh: '机动车维修结算清单', en: 'Vehicle repair settlement statement' },
  amountsIn: { zh: '金额单位', en: 'Amounts in' },
  lines: { zh: '明细', en: 'Lines' },
  lineType: { zh: '类别', en: 'Type' },
  line: { zh: '项目', en: 'Line' },
  qtyHours: { zh: '数量 / 工时', en: 'Qty / hours' },
  price: { zh: '价格', en: 'Price' },
  payType: { zh: '付款类型', en: 'Pay type' },
  payer: { zh: '付款方', en: 'Payer' },
  pricedBy: { zh: '计价规则', en: 'Priced by' },
  amount: { zh: '金额', en: 'Amount' },
  totals: { zh: '合计', en: 'Totals' },
  whoPays: { zh: '付款方分摊', en: 'Who pays' },
  taxNote: {
    zh: '税率 {pct} %，按折后小计计算一次。',
    en: 'Tax {pct} %, computed once on the discounted subtotal.',
  },
  discountCapped: { zh: '折扣已按上限 {pct} % 封顶。', en: 'Discounts capped at {pct} %.' },
  unitCost: { zh: '成本单价', en: 'Unit cost' },
  repairer: { zh: '承修方', en: 'Repairer' },
  client: { zh: '托修方', en: 'Customer (托修方)' },
  name: { zh: '名称', en: 'Name' },
  address: { zh: '地址', en: 'Address' },
  licence: { zh: '经营许可证 / 备案号', en: 'Licence / filing no.' },
  phone: { zh: '电话', en: 'Phone' },
  labourCharges: { zh: '工时费', en: 'Labour (工时费)' },
  materialCharges: { zh: '材料费', en: 'Materials (材料费)' },
  operation: { zh: '维修项目', en: 'Operation' },
  hours: { zh: '工时', en: 'Hours' },
  hourlyRate: { zh: '工时单价', en: 'Rate per hour' },
  partNo: { zh: '配件编号 / 名称', en: 'Part no. / name' },
  category: { zh: '配件类别', en: 'Category' },
  qty: { zh: '数量', en: 'Qty' },
  unitPrice: { zh: '单价', en: 'Unit price' },
  labourSubtotal: { zh: '工时费小计', en: 'Labour subtotal' },
  materialSubtotal: { zh: '材料费小计', en: 'Materials subtotal' },
  discountTotal: { zh: '优惠', en: 'Discount' },
  taxTotal: { zh: '税额', en: 'Tax' },
  grandTotal: { zh: '合计', en: 'Total' },
  customerPays: { zh: '客户应付', en: 'Customer pays' },
  paidByOthers: {
    zh: '标明保修、内部或善意补偿的项目由厂家或本店承担，不向客户收费。',
    en: 'Lines marked warranty, internal or goodwill are borne by the manufacturer or the dealership and not charged to the customer.',
  },
  warranty: { zh: '质量保证', en: 'Warranty' },
  warrantyPeriod: { zh: '质量保证期', en: 'Warranty period' },
  warrantyTerms: { zh: '质量保证条款', en: 'Warranty terms' },
  warrantyDefault: {
    zh: '质量保证期自竣工出厂之日起计算，按行驶里程和日期指标，以先达到者为准 (机动车维修管理规定 质量保证期)。质量保证期内因维修质量原因造成机动车无法正常使用的，承修方免费返修。',
    en: 'The warranty period runs from the day the vehicle leaves the workshop, by mileage and by date, whichever comes first (机动车维修管理规定, 质量保证期). Within it, a fault caused by the quality of the repair is repaired again free of charge.',
  },
  warrantyFrom: {
    zh: '{days} 日或 {km} 公里，以先达到者为准',
    en: '{days} days or {km} km, whichever comes first',
  },
  case: { zh: '案件', en: 'Case' },
  caseFile: { zh: '案件档案', en: 'Case file' },
  subject: { zh: '对象', en: 'Subject' },
  process: { zh: '流程', en: 'Process' },
  timezone: { zh: '时区', en: 'Time zone' },
  opened: { zh: '开立', en: 'Opened' },
  currentStage: { zh: '当前阶段', en: 'Stage' },
  allComplete: { zh: '全部完成', en: 'complete' },
  overdue: { zh: '逾期', en: 'Overdue' },
  due: { zh: '应于', en: 'Due' },
  late: { zh: '逾期时长', en: 'Late' },
  minutes: { zh: '分钟', en: 'min' },
  timeline: { zh: '过程记录', en: 'Timeline' },
  stepOrEvent: { zh: '步骤 / 事件', en: 'Step or event' },
  basis: { zh: '依据 (版本, 摘要)', en: 'Standard (version, digest)' },
  by: { zh: '执行人', en: 'By' },
  time: { zh: '时间', en: 'When' },
  event: { zh: '事件', en: 'event' },
  done: { zh: '完成', en: 'done' },
  notTaken: { zh: '未采纳的记录', en: 'Decisions not taken' },
  record: { zh: '记录', en: 'Decision' },
  step: { zh: '步骤', en: 'Step' },
  reason: { zh: '原因', en: 'Reason' },
  factUpdates: { zh: '事实变更', en: 'Fact updates' },
  before: { zh: '原值', en: 'Before' },
  after: { zh: '新值', en: 'After' },
  state: { zh: '状态', en: 'State' },
  note: { zh: '说明', en: 'Note' },
  // Diffs.
  diffTitle: { zh: '版本变更对照', en: 'Changes between versions' },
  effective: { zh: '生效日期', en: 'Effective' },
  changeOp: { zh: '变更', en: 'Change' },
  where: { zh: '位置', en: 'Where' },
  none: { zh: '无。', en: 'None.' },
  behaviour: { zh: '行为变化', en: 'Behaviour' },
  transition: { zh: '结果变化', en: 'Transition' },
  share: { zh: '占比', en: 'Share' },
  count: { zh: '数量', en: 'Count' },
  firstExample: { zh: '首个例子', en: 'First example' },
  smallestExample: { zh: '最小例子', en: 'Smallest example' },
  noOutcomeChanged: { zh: '没有结果发生变化。', en: 'No outcome changed.' },
  realInputs: { zh: '真实输入', en: 'Real inputs' },
  changesSummary: {
    zh: '共 {total} 处变更：{outcome} 处改变结果，{input} 处改变可接受的输入，{wording} 处仅为文字。',
    en: '{total} changes: {outcome} change outcomes, {input} change what is accepted as input, {wording} are wording only.',
  },
  behaviourSummary: {
    zh: '两个版本在 {at} 对 {total} 个生成的输入 (种子 {seed}，偏向两版的阈值) 进行评估：{percent} 的结果发生变化 ({changed} / {total})。',
    en: 'Both versions evaluated at {at} on {total} generated inputs (seed {seed}, biased to the thresholds of both): the outcome changes for {percent} ({changed} of {total}).',
  },
  realSummary: {
    zh: '在 {total} 个真实输入上，{percent} 的结果发生变化 ({changed} / {total})。',
    en: 'On {total} real inputs the outcome changes for {percent} ({changed} of {total}).',
  },
  invalidForBoth: { zh: '{n} 个输入两个版本都不接受。', en: '{n} inputs are accepted by neither version.' },
  lineNo: { zh: '第 {line} 行', en: 'line {line}' },
  // Signatures.
  signature: { zh: '签字', en: 'Signature' },
  signatureDate: { zh: '签字 / 日期', en: 'signature / date' },
} satisfies Record<string, Pair>;

/** A label's key. */
export type LabelKey = keyof typeof LABELS;

/** The label in the language, with `{name}` placeholders filled. */
export function reportLabel(
  key: LabelKey,
  lang: ReportLang = 'zh',
  values?: Record<string, unknown>,
): string {
  const text = LABELS[key][lang];
  return values
    ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m))
    : text;
}

/** Whether a key names a label (templates pass keys as text). */
export function isLabelKey(key: string): key is LabelKey {
  return Object.hasOwn(LABELS, key);
}

// Codes a report prints as words, by the vocabulary they belong to.
const WORDS: Record<string, Record<string, Pair>> = {
  status: {
    pass: { zh: '合格', en: 'Pass' },
    fail: { zh: '不合格', en: 'Fail' },
    na: { zh: '不适用', en: 'N/A' },
    missing: { zh: '未填写', en: 'Not answered' },
    incomplete: { zh: '未完成', en: 'Incomplete' },
    ok: { zh: '合格', en: 'OK' },
  },
  reason: {
    ok: { zh: '合格', en: 'passed' },
    expect_not_met: { zh: '未达到要求', en: 'does not meet the requirement' },
    evidence_missing: { zh: '缺少证据', en: 'evidence missing' },
    at_missing: { zh: '未记录时间', en: 'no time recorded' },
    out_of_order: { zh: '未按顺序完成', en: 'done out of order' },
    not_answered: { zh: '未填写', en: 'not answered' },
    not_applicable: { zh: '不适用', en: 'not applicable' },
  },
  severity: {
    critical: { zh: '关键', en: 'Critical' },
    major: { zh: '主要', en: 'Major' },
    minor: { zh: '次要', en: 'Minor' },
  },
  answer: {
    true: { zh: '是', en: 'Yes' },
    false: { zh: '否', en: 'No' },
    na: { zh: '不适用', en: 'N/A' },
  },
  evidence: {
    photo: { zh: '照片', en: 'photo' },
    signature: { zh: '签字', en: 'signature' },
    note: { zh: '备注', en: 'note' },
  },
  docStatus: {
    draft: { zh: '草稿', en: 'draft' },
    approved: { zh: '已批准', en: 'approved' },
    retired: { zh: '已废止', en: 'retired' },
  },
  kind: {
    ruleset: { zh: '决策表', en: 'ruleset' },
    checklist: { zh: '检查表', en: 'checklist' },
    scorecard: { zh: '考核表', en: 'scorecard' },
    fees: { zh: '收费标准', en: 'fee schedule' },
    process: { zh: '流程', en: 'process' },
  },
  lineType: {
    labour: { zh: '工时', en: 'Labour' },
    parts: { zh: '配件', en: 'Parts' },
  },
  payType: {
    customer: { zh: '客户付费', en: 'Customer' },
    warranty: { zh: '保修', en: 'Warranty' },
    internal: { zh: '内部', en: 'Internal' },
    'service-contract': { zh: '保养套餐', en: 'Service contract' },
    goodwill: { zh: '善意补偿', en: 'Goodwill' },
  },
  payer: {
    customer: { zh: '客户', en: 'Customer' },
    manufacturer: { zh: '厂家', en: 'Manufacturer' },
    internal: { zh: '经销商', en: 'Dealership' },
  },
  total: {
    labour: { zh: '工时费', en: 'Labour' },
    parts: { zh: '材料费', en: 'Parts' },
    discount: { zh: '折扣', en: 'Discount' },
    tax: { zh: '税额', en: 'Tax' },
    total: { zh: '合计', en: 'Total' },
  },
  // Parts categories: the document's codes and the regulation's four (机动车维修管理规定).
  category: {
    oem: { zh: '原厂配件', en: 'OEM (原厂)' },
    original: { zh: '原厂配件', en: 'OEM (原厂)' },
    aftermarket: { zh: '同质配件', en: 'Equivalent (同质)' },
    equivalent: { zh: '同质配件', en: 'Equivalent (同质)' },
    refurbished: { zh: '修复配件', en: 'Refurbished (修复)' },
    remanufactured: { zh: '再制造件', en: 'Remanufactured (再制造)' },
    reused: { zh: '回用件', en: 'Reused (回用)' },
  },
  stepState: {
    done: { zh: '已完成', en: 'done' },
    pending: { zh: '待办', en: 'pending' },
    blocked: { zh: '受阻', en: 'blocked' },
    'not-applicable': { zh: '不适用', en: 'not applicable' },
    current: { zh: '进行中', en: 'current' },
  },
  op: {
    added: { zh: '新增', en: 'added' },
    removed: { zh: '删除', en: 'removed' },
    changed: { zh: '修改', en: 'changed' },
    moved: { zh: '移动', en: 'moved' },
    renamed: { zh: '更名', en: 'renamed' },
  },
  diffGroup: {
    outcome: { zh: '改变结果的变更', en: 'changes outcomes' },
    input: { zh: '改变可接受输入的变更', en: 'changes what is accepted as input' },
    wording: { zh: '仅文字变更', en: 'wording only' },
    checks: { zh: '文档自带的测试 (仅文字)', en: "the document's own tests (wording only)" },
  },
  role: {
    customer: { zh: '客户', en: 'Customer' },
    technician: { zh: '维修技师', en: 'Technician' },
    inspector: { zh: '质检员', en: 'Inspector' },
    advisor: { zh: '服务顾问', en: 'Service advisor' },
    'service-manager': { zh: '服务经理', en: 'Service manager' },
    cashier: { zh: '收银员', en: 'Cashier' },
    assessor: { zh: '考核人', en: 'Assessed by' },
    reviewer: { zh: '复核人', en: 'Reviewed by' },
    assessee: { zh: '被考核人', en: 'Acknowledged by' },
    archivist: { zh: '归档人', en: 'Archived by' },
    repairer: { zh: '承修方 (盖章)', en: 'Repairer (stamp)' },
  },
};

/** A code of a vocabulary as a word (`status`, `pass` → 合格); the code itself when unknown. */
export function codeWord(vocabulary: string, code: unknown, lang: ReportLang = 'zh'): string {
  const key = typeof code === 'boolean' ? String(code) : typeof code === 'string' ? code : undefined;
  if (key === undefined) return code === undefined || code === null ? '' : String(code);
  const words = Object.hasOwn(WORDS, vocabulary) ? WORDS[vocabulary] : undefined;
  const pair = words && Object.hasOwn(words, key) ? words[key] : undefined;
  return pair ? pair[lang] : key;
}

/** Whether a vocabulary knows a code (tests check every code a kind produces has a word). */
export function hasWord(vocabulary: string, code: string): boolean {
  const words = Object.hasOwn(WORDS, vocabulary) ? WORDS[vocabulary] : undefined;
  return words !== undefined && Object.hasOwn(words, code);
}

/** The language asked for, or the default: anything but `en` prints Chinese. */
export function reportLangOf(v: unknown): ReportLang {
  return v === 'en' ? 'en' : 'zh';
}

/**
 * A text of a document in the language: a plain string as written, or the language's entry of a
 * bilingual `{zh, en}` text (the other language when the asked one is missing).
 */
export function textIn(v: unknown, lang: ReportLang): string | undefined {
  return wording(v, lang)?.text;
}
