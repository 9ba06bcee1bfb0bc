import { buildOpenApi } from '../openapi/index.ts';
import type { RouteModule } from './route.ts';

/** `GET /openapi.json`: the description of the given routes and of itself, built once per app. */
export function openApiRoute(described: readonly RouteModule[]): RouteModule {
  const self: RouteModule = {
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'this OpenAPI 3.1 description',
          tags: ['meta'],
          responses: {
            '200': {
              description: 'the description',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    mount(app) {
      const text = JSON.stringify(buildOpenApi([...described, self]));
      app.get('/openapi.json', (c) =>
        c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
      );
    },
  };
  return self;
}
