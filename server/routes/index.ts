import { auditDiffRoutes, auditReportRoutes } from './audit.ts';
import { casesRoutes } from './cases.ts';
import { evaluateRoutes } from './evaluate.ts';
import { healthRoutes } from './health.ts';
import { openApiRoute } from './openapi.ts';
import { recordsRoutes } from './records.ts';
import type { RouteModule } from './route.ts';
import { standardsRoutes } from './standards.ts';
import { validateRoutes } from './validate.ts';

const apiRoutes: RouteModule[] = [
  healthRoutes,
  standardsRoutes,
  evaluateRoutes,
  validateRoutes,
  auditDiffRoutes,
  auditReportRoutes,
  recordsRoutes,
  casesRoutes,
];

/** Every route family of the server, in mount order; /openapi.json describes them all. */
export const routeModules: readonly RouteModule[] = [...apiRoutes, openApiRoute(apiRoutes)];
