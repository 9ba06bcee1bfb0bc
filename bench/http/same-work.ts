/**
 * The same work as `POST /v1/standards/bench.work-order/evaluate`, written by hand as a Hono
 * route on the same server and middleware: the same body checks and reading (server/body.ts),
 * a hand-coded check of the request and its facts (what the declared schema checks), the
 * hand-written decision, and the envelope of the same shape stringified. What a developer
 * without norma would write for this one ruleset.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../server/context.ts';
import { handwritten } from '../workloads/ruleset.ts';

type Facts = Record<string, unknown>;

const PAY = new Set(['customer', 'warranty', 'internal', 'goodwill']);
const JOB = new Set(['maintenance', 'repair', 'bodywork', 'ev-high-voltage', 'lift']);
const FUEL = new Set(['petrol', 'diesel', 'hybrid', 'ev']);
const TIER = new Set(['none', 'silver', 'gold', 'platinum']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function bad(c: Context<AppEnv>, message: string): Response {
  return c.json({ error: { code: 'facts_invalid', message } }, 422);
}

function amount(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Why the facts do not fit the declarations, or undefined when they do. */
function problem(f: Facts): string | undefined {
  if (typeof f.payType !== 'string' || !PAY.has(f.payType)) return 'payType';
  if (typeof f.jobType !== 'string' || !JOB.has(f.jobType)) return 'jobType';
  if (!amount(f.estimateTotal)) return 'estimateTotal';
  if (!amount(f.labourHours)) return 'labourHours';
  if (!amount(f.partsTotal)) return 'partsTotal';
  if (f.discountPct !== undefined && (!amount(f.discountPct) || (f.discountPct as number) > 100))
    return 'discountPct';
  if (typeof f.comeback !== 'boolean') return 'comeback';
  if (!isDate(f.openedAt)) return 'openedAt';
  const v = f.vehicle as Facts | undefined;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'vehicle';
  if (typeof v.fuel !== 'string' || !FUEL.has(v.fuel)) return 'vehicle.fuel';
  if (!amount(v.mileageKm)) return 'vehicle.mileageKm';
  if (!isDate(v.registeredOn)) return 'vehicle.registeredOn';
  const cu = f.customer as Facts | undefined;
  if (cu === null || typeof cu !== 'object' || Array.isArray(cu)) return 'customer';
  if (typeof cu.tier !== 'string' || !TIER.has(cu.tier)) return 'customer.tier';
  if (!Number.isInteger(cu.visits) || (cu.visits as number) < 0) return 'customer.visits';
  return undefined;
}

/** The route handler, given how the server reads a JSON body and the standard header to answer with. */
export function sameWorkRoute(
  readJson: (c: Context<AppEnv>) => Promise<unknown>,
  standard: { id: string; version: string; digest: string },
) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    c.set('standard', { id: standard.id });
    const body = (await readJson(c)) as { facts?: unknown; at?: unknown };
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad(c, 'body');
    const facts = body.facts as Facts;
    if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return bad(c, 'facts');
    const why = problem(facts);
    if (why) return bad(c, why);
    const at = body.at;
    if (!isDate(at)) return bad(c, 'at');
    const d = handwritten(facts, at as string);
    c.set('standard', { id: standard.id, version: standard.version });
    return c.json({
      standard,
      at,
      kind: 'ruleset',
      result: { outputs: { action: d.action, feePct: d.feePct } },
      matched: d.matched.map((rule) => ({ rule })),
    });
  };
}
