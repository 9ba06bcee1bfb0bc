import type { Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context.ts';
import type { PathItems } from '../openapi/helpers.ts';

/**
 * One family of routes: its handlers and its OpenAPI description side by side, so a route is
 * added, or a stub filled in, by editing one file.
 */
export interface RouteModule {
  /** OpenAPI path items, keyed by OpenAPI path (`/v1/standards/{id}`). */
  paths: PathItems;
  /** Registers the handlers on the app (Hono paths: `/v1/standards/:id`). */
  mount(app: Hono<AppEnv>, ctx: ServerContext): void;
}
