/**
 * What identifies a printed form: the work order, the vehicle (VIN, plate, mileage), the people
 * (technician, advisor, customer) and the repairer (承修方) — the report heading — and the
 * signature lines the document declares. The heading comes from the caller (`heading`, sent by
 * the HTTP body or `norma render --heading`), then from facts with the conventional names
 * (`workOrder`, `vin`, `plate`, `mileage`, `technician`, `advisor`, `customer`), then from the
 * evaluation's subject (`work-order` → work order, `vehicle` → VIN). Nothing is made up: a
 * field nobody gave prints as a blank line to fill in by hand.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { error, NormaError } from '../diagnostics.ts';
import { codeWord, type ReportLang, textIn } from '../i18n/report-words.ts';
import { mapAt } from '../kinds/common.ts';
import { createAjv } from '../validate/ajv.ts';

/** The repairer (承修方): the dealership that does the work and issues the statement. */
export interface Repairer {
  name?: string;
  address?: string;
  /** The road-transport licence or filing number (道路运输经营许可证 / 备案编号). */
  licence?: string;
  phone?: string;
}

/** The report heading a caller may give. Every field is optional. */
export interface ReportHeading {
  workOrder?: string;
  vin?: string;
  plate?: string;
  /** Odometer reading in km. */
  mileage?: number;
  vehicle?: string;
  technician?: string;
  advisor?: string;
  customer?: string;
  customerPhone?: string;
  /** The date the form is for (a work order's date). */
  date?: string;
  /** 托修方's language for customer-facing reports: the statement prints in it. */
  customerLang?: ReportLang;
  repairer?: Repairer;
  /** The regulatory work category (the warranty period follows it), `jobs.categories`' codes. */
  work?: string;
  /** The warranty given for this job, overriding the category's (days, km, terms). */
  warranty?: { days?: number; km?: number; terms?: string };
}

const closed = (properties: Record<string, unknown>, required: string[] = [], description?: string) => ({
  type: 'object',
  ...(description !== undefined ? { description } : {}),
  required,
  additionalProperties: false,
  properties,
});

const text = (description: string) => ({ type: 'string', maxLength: 200, description });

/**
 * The JSON Schema of a report heading: what the HTTP body's `heading` and `norma render --heading`
 * are checked against (published as the OpenAPI component ReportHeading).
 */
export const reportHeadingSchema = closed(
  {
    workOrder: text('the work order number (工单号)'),
    vin: text('the vehicle identification number'),
    plate: text('the licence plate (车牌号)'),
    mileage: { type: 'number', minimum: 0, description: 'the odometer reading in km' },
    vehicle: text('the vehicle model'),
    technician: text('the technician (维修技师)'),
    advisor: text('the service advisor (服务顾问)'),
    customer: text('the customer (托修方)'),
    customerPhone: text('the customer’s phone'),
    date: text('the date the form is for'),
    customerLang: { enum: ['zh', 'en'], description: 'the customer’s language: the 结算清单 prints in it' },
    work: text('the regulatory work category (jobs.categories): sets the warranty period'),
    repairer: closed(
      {
        name: text('the dealership (承修方)'),
        address: text('its address'),
        licence: text('its road-transport licence or filing number (许可证 / 备案号)'),
        phone: text('its phone'),
      },
      [],
      'the repairer (承修方) printed on the 结算清单',
    ),
    warranty: closed(
      {
        days: { type: 'integer', minimum: 0, description: 'the warranty period in days' },
        km: { type: 'integer', minimum: 0, description: 'the warranty period in km' },
        terms: { type: 'string', maxLength: 2000, description: 'the warranty terms' },
      },
      [],
      'the warranty given for this job, overriding the work category’s',
    ),
  },
  [],
  'the identifying fields of a printed report; a field not given prints as a blank to fill in',
);

let validate: ValidateFunction | undefined;

/** A heading checked against its schema, or `heading_invalid` with one detail per problem. */
export function checkHeading(raw: unknown): ReportHeading | NormaError {
  validate ??= createAjv().compile(reportHeadingSchema);
  if (validate(raw)) return raw as ReportHeading;
  return new NormaError(
    'heading_invalid',
    'the report heading does not have the expected shape',
    (validate.errors ?? []).map((e) =>
      error('heading_invalid', `${e.instancePath || 'the heading'} ${e.message ?? 'is invalid'}`, {
        path: e.instancePath,
        hint: 'fields: workOrder, vin, plate, mileage, vehicle, technician, advisor, customer, customerPhone, date, customerLang, work, repairer, warranty',
      }),
    ),
  );
}

/** The fields of a heading that are plain text, with the facts names they are also read from. */
const FROM_FACTS: Record<string, readonly string[]> = {
  workOrder: ['workOrder', 'workOrderNo', 'workOrderId'],
  vin: ['vin', 'vehicle.vin', 'registration.vin'],
  plate: ['plate', 'plateNo', 'vehicle.plate', 'registration.plate'],
  mileage: ['mileage', 'mileageKm', 'odometerKm', 'vehicle.mileage', 'vehicle.mileageKm'],
  vehicle: ['vehicle.model', 'model', 'registration.vehicleModel'],
  technician: ['technician', 'technicianName'],
  advisor: ['advisor', 'serviceAdvisor'],
  customer: ['customerName', 'customer.name', 'customer', 'registration.ownerName'],
  customerPhone: ['customerPhone', 'customer.phone', 'registration.phone'],
  date: ['date', 'workOrderDate'],
  work: ['work', 'jobCategory'],
};

/** The heading as the templates print it: known fields filled in, the rest undefined. */
export interface HeadingView {
  workOrder?: string;
  vin?: string;
  plate?: string;
  mileage?: string;
  vehicle?: string;
  technician?: string;
  advisor?: string;
  customer?: string;
  customerPhone?: string;
  date?: string;
  work?: string;
  repairer: Repairer;
  warranty?: { days?: number; km?: number; terms?: string };
  /** The identifying fields given, in print order, for reports that show only those. */
  given: { field: string; value: string }[];
}

/** The identifying fields in the order reports print them. */
export const HEADING_FIELDS = [
  'workOrder',
  'date',
  'vin',
  'plate',
  'mileage',
  'vehicle',
  'technician',
  'advisor',
  'customer',
] as const;

/** The heading of a report: the caller's, then the facts', then the subject's. */
export function headingOf(
  given: ReportHeading | undefined,
  facts: unknown,
  subject?: { type: string; id: string } | null,
): HeadingView {
  const out: Record<string, unknown> = { repairer: { ...(given?.repairer ?? {}) } };
  const own = (given ?? {}) as Record<string, unknown>;
  for (const [field, paths] of Object.entries(FROM_FACTS)) {
    const value = textOf(own[field]) ?? paths.map((p) => textOf(at(facts, p))).find((v) => v !== undefined);
    if (value !== undefined) out[field] = value;
  }
  if (subject?.type === 'work-order' && out.workOrder === undefined) out.workOrder = subject.id;
  if (subject?.type === 'vehicle' && out.vin === undefined) out.vin = subject.id;
  if (given?.warranty) out.warranty = given.warranty;
  out.given = HEADING_FIELDS.filter((f) => out[f] !== undefined).map((field) => ({
    field,
    value: out[field] as string,
  }));
  return out as unknown as HeadingView;
}

function at(facts: unknown, path: string): unknown {
  let v: unknown = facts;
  for (const part of path.split('.')) v = mapAt(v)[part];
  return v;
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A declared signature line (`signatures:` in the document's header). */
export interface SignatureLine {
  role: string;
  label: string;
  date: boolean;
}

/**
 * The signature lines of a report: the document's own `signatures:` when it declares them,
 * otherwise the lines this kind of report has always had (`fallback`, roles).
 */
export function signaturesOf(
  data: Record<string, unknown>,
  fallback: readonly string[],
  lang: ReportLang,
): SignatureLine[] {
  const declared = Array.isArray(data.signatures) ? data.signatures : undefined;
  const lines = declared ?? fallback.map((role) => ({ role }));
  return lines.map((raw) => {
    const s = mapAt(raw);
    const role = typeof s.role === 'string' ? s.role : 'signature';
    return {
      role,
      label: textIn(s.label, lang) ?? codeWord('role', role, lang),
      date: s.date !== false,
    };
  });
}
