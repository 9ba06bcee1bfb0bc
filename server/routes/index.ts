import { approveRoutes } from './approve.ts';
import { auditDiffRoutes, auditReportRoutes } from './audit.ts';
import { casesRoutes } from './cases.ts';
import { draftRoutes } from './drafts.ts';
import { evaluateRoutes } from './evaluate.ts';
import { evidenceRoutes } from './evidence.ts';
import { healthRoutes } from './health.ts';
import { openApiRoute } from './openapi.ts';
import { recordsRoutes } from './records.ts';
import type { RouteModule } from './route.ts';
import { standardsRoutes } from './standards.ts';
import { validateRoutes } from './validate.ts';
import { webRoutes } from './web.tsx';

const apiRoutes: RouteModule[] = [
  healthRoutes,
  standardsRoutes,
  evaluateRoutes,
  validateRoutes,
  auditDiffRoutes,
  auditReportRoutes,
  recordsRoutes,
  evidenceRoutes,
  draftRoutes,
  approveRoutes,
  casesRoutes,
];

/** Every route family of the server, in mount order; /openapi.json describes the API ones (not the web pages). */
export const routeModules: readonly RouteModule[] = [...apiRoutes, openApiRoute(apiRoutes), webRoutes];
