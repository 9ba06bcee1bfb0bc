/**
 * The regulations and standards the bundled standard encodes, article by article, with the
 * rules (or checklist items, as `section.item`) that encode each. scripts/standard-doc.ts prints
 * it in docs/standard.md and refuses an entry naming a document or an element that does not
 * exist in the latest version, so the table cannot point at rules that are gone.
 *
 * `checked` says how the article was confirmed: `text` against a published copy of the
 * regulation, `secondary` against secondary sources quoting it, `cited` as the document cites it
 * without a check of the article number.
 */
export interface RegulationRow {
  source: string;
  article: string;
  subject: string;
  checked: 'text' | 'secondary' | 'cited';
  /** document id → element ids (empty: the document as a whole). */
  encodedBy: Record<string, string[]>;
}

const ACCOUNTING_ARCHIVES = '会计档案管理办法 (财政部 国家档案局令第79号, 2015, in force 2016-01-01)';
const SANBAO = '家用汽车产品修理更换退货责任规定 (SAMR Order No. 43, 2022-01-01)';
const REPAIR = '机动车维修管理规定 (交通运输部令 2005 No. 7, as revised)';
const RECALL = '缺陷汽车产品召回管理条例 (State Council Order No. 626, amended 2019)';
const WASTE = '固体废物污染环境防治法 (2020)';

export const REGULATIONS: readonly RegulationRow[] = [
  {
    source: SANBAO,
    article: 'Art. 17',
    subject: '包修期 ≥ 3 年或 60,000 km;三包有效期 ≥ 2 年或 50,000 km',
    checked: 'secondary',
    encodedBy: {
      'sanbao.remedies': [
        'free-repair',
        'serious-safety-repaired-twice',
        'main-system-replaced-twice',
        'repair-days-over-30',
        'same-problem-over-4',
        'loaner-after-5-days',
      ],
    },
  },
  {
    source: SANBAO,
    article: 'Art. 18',
    subject: '包修期内免费修理(工时费和材料费)',
    checked: 'cited',
    encodedBy: { 'sanbao.remedies': ['free-repair'] },
  },
  {
    source: SANBAO,
    article: 'Art. 19',
    subject: '7 日内主要系统需更换:更换或退货',
    checked: 'cited',
    encodedBy: { 'sanbao.remedies': ['seven-day-main-system'] },
  },
  {
    source: SANBAO,
    article: 'Art. 20',
    subject: '60 日或 3,000 km 内转向、制动失效,车身开裂,燃油泄漏,动力蓄电池起火:更换或退货',
    checked: 'cited',
    encodedBy: { 'sanbao.remedies': ['sixty-day-safety-failure'] },
  },
  {
    source: SANBAO,
    article: 'Art. 21',
    subject: '单次修理超过 5 日:自第 6 日起备用车或交通费用补偿',
    checked: 'secondary',
    encodedBy: { 'sanbao.remedies': ['loaner-after-5-days'] },
  },
  {
    source: SANBAO,
    article: 'Art. 24 (一)–(四)',
    subject: '严重安全性能故障修理 2 次;主要系统更换 2 次;累计修理超过 30 日;同一问题修理超过 4 次',
    checked: 'secondary',
    encodedBy: {
      'sanbao.remedies': [
        'serious-safety-repaired-twice',
        'main-system-replaced-twice',
        'repair-days-over-30',
        'same-problem-over-4',
      ],
    },
  },
  {
    source: '民法典',
    article: 'Art. 201',
    subject: '按日计算的期间,开始的当日不计入',
    checked: 'cited',
    encodedBy: { 'sanbao.remedies': ['seven-day-main-system', 'sixty-day-safety-failure'] },
  },
  {
    source: '民法典',
    article: 'Art. 784',
    subject: '承揽人妥善保管定作人提供的材料(接车时记录车辆状况)',
    checked: 'cited',
    encodedBy: { 'inspection.reception': [] },
  },
  {
    source: REPAIR,
    article: 'Art. 37 (2016 text)',
    subject: '维修质量保证期',
    checked: 'cited',
    encodedBy: {
      'warranty.repair-quality': [
        'car-major-repair',
        'car-level-2',
        'car-minor',
        'other-major-repair',
        'other-minor',
        'out-of-period',
        'not-repair-quality',
        'two-repairs-failed',
      ],
      'jobs.categories': [],
      'delivery.vehicle': ['confirm.warranty-explained'],
      'parts.customer-supplied': [],
    },
  },
  {
    source: REPAIR,
    article: 'Art. 33 (2019 text)',
    subject: '维修档案;上传汽车维修电子健康档案系统',
    checked: 'secondary',
    encodedBy: { 'repair.management-duties': ['health-record-not-uploaded', 'health-record-late'] },
  },
  {
    source: REPAIR,
    article: 'Art. 27 (2015 text)',
    subject: '维修结算清单,工时费与材料费分项计算',
    checked: 'secondary',
    encodedBy: { 'repair.management-duties': ['statement-not-itemised'] },
  },
  {
    source: REPAIR,
    article: 'Art. 31 (2015 text)',
    subject: '配件追溯:记录配件,查验产品合格证',
    checked: 'secondary',
    encodedBy: { 'parts.customer-supplied': ['certificate-not-checked'] },
  },
  {
    source: REPAIR,
    article: 'article not confirmed',
    subject: '竣工出厂合格证:二级维护、总成修理、整车修理;未签发不得交付',
    checked: 'cited',
    encodedBy: {
      'repair.management-duties': ['certificate-missing'],
      'jobs.categories': ['maintenance-level-2', 'whole-vehicle', 'assembly'],
      'quality.control': ['final.completion-certificate'],
      'delivery.vehicle': ['settlement.completion-certificate'],
    },
  },
  {
    source: REPAIR,
    article: 'article not confirmed',
    subject: '原厂配件、同质配件、修复配件分别标识,明码标价,供用户选择',
    checked: 'cited',
    encodedBy: {
      'repair.management-duties': [
        'category-not-marked',
        'category-not-chosen',
        'refurbished-without-consent',
      ],
    },
  },
  {
    source: REPAIR,
    article: 'article not confirmed',
    subject: '公示工时定额和工时单价,按公示收费',
    checked: 'cited',
    encodedBy: { 'repair.management-duties': ['rates-not-published'] },
  },
  {
    source: 'GB/T 18344 汽车维护、检测、诊断技术规范',
    article: '一级维护、二级维护',
    subject: '维护级别',
    checked: 'cited',
    encodedBy: { 'jobs.categories': ['maintenance-level-1', 'maintenance-level-2'] },
  },
  {
    source: RECALL,
    article: 'Art. 19',
    subject: '生产者消除缺陷并承担费用和必要的运送费用',
    checked: 'text',
    encodedBy: { 'recall.check': ['recall-charged', 'recall-not-offered', 'recall-not-done'] },
  },
  {
    source: '缺陷汽车产品召回管理条例实施办法 (AQSIQ Order No. 176)',
    article: 'article not confirmed',
    subject: '销售者、修理者协助生产者实施召回',
    checked: 'cited',
    encodedBy: {
      'recall.check': ['recall-not-queried', 'declined-without-signature', 'book-when-parts-arrive'],
    },
  },
  {
    source: WASTE,
    article: 'Art. 78',
    subject: '危险废物管理计划、管理台账、申报',
    checked: 'cited',
    encodedBy: { 'waste.hazardous': ['batch-not-in-ledger'] },
  },
  {
    source: WASTE,
    article: 'Art. 80',
    subject: '禁止将危险废物提供或委托给无许可证的单位',
    checked: 'cited',
    encodedBy: { 'waste.hazardous': ['unlicensed-receiver'] },
  },
  {
    source: WASTE,
    article: 'Art. 81',
    subject: '贮存危险废物不得超过一年(经营单位;对产生单位为本标准默认)',
    checked: 'text',
    encodedBy: { 'waste.hazardous': ['stored-over-1-year'] },
  },
  {
    source: WASTE,
    article: 'Art. 82',
    subject: '转移危险废物运行电子或纸质转移联单',
    checked: 'text',
    encodedBy: { 'waste.hazardous': ['transfer-without-manifest'] },
  },
  {
    source: '危险废物转移管理办法 (MEE Order No. 23, 2022-01-01)',
    article: 'whole text',
    subject: '转移联单',
    checked: 'cited',
    encodedBy: { 'waste.hazardous': ['transfer-without-manifest'] },
  },
  {
    source: '国家危险废物名录 (2021)',
    article: 'HW08 900-214-08, HW49 900-041-49, HW31 900-052-31, HW12',
    subject: '废矿物油、含油废物、废铅蓄电池、涂料废物',
    checked: 'cited',
    encodedBy: { 'waste.hazardous': [] },
  },
  {
    source: '新能源汽车动力蓄电池回收利用管理暂行办法 (2018)',
    article: 'article not confirmed',
    subject: '废旧动力蓄电池交回收服务网点,溯源管理',
    checked: 'cited',
    encodedBy: { 'waste.hazardous': ['battery-wrong-receiver', 'battery-trace-missing'] },
  },
  {
    source: '消费者权益保护法',
    article: 'Art. 8, Art. 9',
    subject: '知悉价格和服务内容;自主选择',
    checked: 'cited',
    encodedBy: {
      'estimate.authorisation': [
        'no-signed-estimate',
        'addition-not-authorised',
        'overrun-over-estimate',
        'overrun-over-signed-total',
        'signed-total-missing',
      ],
    },
  },
  {
    source: '消费者权益保护法',
    article: 'Art. 18',
    subject: '对可能危及人身、财产安全的服务作出说明和明确警示',
    checked: 'cited',
    encodedBy: {
      'repair.declined': ['safety-refusal-unsigned', 'decline-not-on-record', 'unfit-warning-missing'],
    },
  },
  {
    source: 'JT/T 816 (机动车维修服务规范)',
    article: 'repair contract',
    subject: '合同载明估价及超出的处理',
    checked: 'cited',
    encodedBy: {
      'approval.controls': ['overrun-over-estimate', 'overrun-over-signed-total'],
      'estimate.authorisation': [],
    },
  },
  {
    source: 'GB 16735 道路车辆 车辆识别代号 (VIN)',
    article: 'VIN',
    subject: '17 位车辆识别代号',
    checked: 'cited',
    encodedBy: { 'warranty.claim': [] },
  },
  {
    source: '消防法',
    article: '第四十四条',
    subject: '任何人发现火灾都应当立即报警',
    checked: 'cited',
    encodedBy: { 'emergency.response': ['fire-brigade'] },
  },
  {
    source: '生产安全事故报告和调查处理条例',
    article: 'reporting within 1 hour',
    subject: '事故发生后 1 小时内报告安全生产监督管理部门',
    checked: 'cited',
    encodedBy: { 'emergency.response': ['authority'] },
  },
  {
    source: '网络安全法',
    article: '第二十一条',
    subject: '网络日志留存不少于六个月',
    checked: 'cited',
    encodedBy: { 'records.electronic': ['access-log-too-short'] },
  },
  {
    source: '个人信息保护法',
    article: 'whole text',
    subject: '个人信息的处理与查阅',
    checked: 'cited',
    encodedBy: { 'records.access': [] },
  },
  {
    source: '个人信息保护法',
    article: 'Art. 45',
    subject: '个人有权查阅、复制其个人信息',
    checked: 'cited',
    encodedBy: { 'records.access': ['customer-own', 'later-owner'] },
  },
  {
    source: ACCOUNTING_ARCHIVES,
    article: 'Art. 14, Art. 15 and 附表一',
    subject:
      '保管期限自会计年度终了后的第一天算起;会计凭证、账簿 30 年;银行对账单、纳税申报表、月度季度半年度财务会计报告 10 年',
    checked: 'secondary',
    encodedBy: {
      'retention.records': ['fiscal-year-missing', 'accounting-30-years', 'accounting-10-years'],
      'records.classification': ['settlement', 'decision-settlement'],
      'accounting.records': [],
    },
  },
  {
    source: ACCOUNTING_ARCHIVES,
    article: 'Art. 16–18 (as cited)',
    subject:
      '到期会计档案须经鉴定(鉴定意见书);销毁清册由单位负责人、会计机构负责人等签署;档案与会计机构共同派员监销',
    checked: 'secondary',
    encodedBy: {
      'retention.records': ['appraisal-missing', 'accounting-signatures-missing', 'supervision-missing'],
    },
  },
  {
    source: '会计法',
    article: 'Art. 11',
    subject: '会计年度自公历 1 月 1 日起至 12 月 31 日止',
    checked: 'cited',
    encodedBy: { 'retention.records': ['fiscal-year-missing'], 'records.classification': [] },
  },
  {
    source: 'GB 18384-2020 电动汽车安全要求 (mandatory)',
    article: 'insulation resistance (clause number not confirmed)',
    subject: '绝缘电阻:直流电路 ≥ 100 Ω/V,交流电路 ≥ 500 Ω/V',
    checked: 'cited',
    encodedBy: { 'procedure.repair': ['procedure.insulation-dc', 'procedure.insulation-ac'] },
  },
  {
    source: '安全生产法 (2021)',
    article: 'Art. 30',
    subject: '特种作业人员取得相应资格方可上岗',
    checked: 'cited',
    encodedBy: {
      'qualification.technician': ['hv-certificate-missing', 'hv-certificate-expiring'],
      'safety.site': ['high-voltage.certified-technician'],
    },
  },
  {
    source: '特种作业人员安全技术培训考核管理规定 (原安监总局令第30号)',
    article: 'Art. 19, Art. 21',
    subject: '特种作业操作证有效期 6 年,每 3 年复审 1 次(低压电工作业)',
    checked: 'cited',
    encodedBy: { 'qualification.technician': ['hv-review-overdue'] },
  },
  {
    source: 'GB 7258-2017 机动车运行安全技术条件',
    article: 'tyre tread depth (clause number not confirmed)',
    subject: '乘用车和挂车胎冠花纹深度 ≥ 1.6 mm;其他机动车转向轮 ≥ 3.2 mm',
    checked: 'cited',
    encodedBy: {
      'quality.control': [
        'self-check.tyre-work-tread',
        'self-check.tyre-work-tread-steering',
        'self-check.tyre-advice',
      ],
    },
  },
  {
    source: '劳动合同法',
    article: 'Art. 4',
    subject: '规章制度经民主程序制定并公示;以扣减绩效代替罚款',
    checked: 'cited',
    encodedBy: { 'risk.responsibility': ['unqualified-assignment', 'equipment', 'management-injury'] },
  },
  {
    source: '生产安全事故应急预案管理办法 (应急管理部令 2019 No. 2)',
    article: 'Art. 33',
    subject: '每年至少组织一次综合或专项应急预案演练',
    checked: 'cited',
    encodedBy: { 'emergency.plans': ['drill-overdue', 'never-drilled'] },
  },
  {
    source: 'GB 50444-2008 建筑灭火器配置验收及检查规范',
    article: '§5.2.1',
    subject: '灭火器每月检查',
    checked: 'cited',
    encodedBy: { 'safety.site': ['site.extinguisher-inspected'] },
  },
  {
    source: 'ISO 9001:2015',
    article: '7.5',
    subject: '成文信息的控制',
    checked: 'cited',
    encodedBy: { 'standards.revision': [] },
  },
];
