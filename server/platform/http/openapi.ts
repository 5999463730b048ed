import { z } from 'zod';
import type { AnyRoute } from './route.ts';
import { ERROR_STATUS } from '../errors.ts';

/** OpenAPI 3.1 is generated from the route declarations; nobody writes it by hand. */

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(route: AnyRoute) {
  const out: Record<string, unknown>[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, propSchema] of Object.entries(properties)) {
      out.push({ name, in: location, required: location === 'path' || required.has(name), schema: propSchema });
    }
  }
  return out;
}

const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
    message: z.string(),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export function buildOpenApiDocument(routes: AnyRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = toSchema(ZErrorBody, 'output');
  for (const route of routes) {
    const key = toOpenApiPath(route.path);
    const success =
      route.kind === 'raw'
        ? { description: 'OK', content: { [route.produces]: {} } }
        : route.status === 204
          ? { description: 'No content' }
          : { description: 'OK', content: { 'application/json': { schema: toSchema(route.response, 'output') } } };
    paths[key] ??= {};
    paths[key][route.method] = {
      summary: route.summary,
      tags: route.tags,
      ...(route.auth === 'public' ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
      responses: {
        [String(route.kind === 'raw' ? 200 : (route.status ?? 200))]: success,
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'medfolio_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}
