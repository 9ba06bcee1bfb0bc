/**
 * What identifies a printed form: the work order, the vehicle (VIN, plate, mileage), the people
 * (technician, advisor, customer) and the repairer (承修方) — the report heading — and the
 * signature lines the document declares. The heading comes from the caller (`heading`, sent by
 * the HTTP body or `norma render --heading`), then from facts with the conventional names
 * (`workOrder`, `vin`, `plate`, `mileage`, `technician`, `advisor`, `customer`), then from the
 * evaluation's subject (`work-order` → work order, `vehicle` → VIN). Nothing is made up: a
 * field nobody gave prints as a blank line to fill in by hand.
 */
import { mapAt } from '../kinds/common.ts';
import { codeWord, type ReportLang, textIn } from './labels.ts';

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
  mileage?: number | string;
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

/** The fields of a heading that are plain text, with the facts names they are also read from. */
const FROM_FACTS: Record<string, readonly string[]> = {
  workOrder: ['workOrder', 'workOrderNo', 'workOrderId'],
  vin: ['vin', 'vehicle.vin'],
  plate: ['plate', 'plateNo', 'vehicle.plate'],
  mileage: ['mileage', 'mileageKm', 'odometerKm', 'vehicle.mileage', 'vehicle.mileageKm'],
  vehicle: ['vehicle.model', 'model'],
  technician: ['technician', 'technicianName'],
  advisor: ['advisor', 'serviceAdvisor'],
  customer: ['customerName', 'customer.name', 'customer'],
  customerPhone: ['customerPhone', 'customer.phone'],
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
