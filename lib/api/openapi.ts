// The OpenAPI 3.1 document, built from the same zod schemas the handlers validate with. Each
// domain lists its operations in lib/<domain>/openapi.ts; app/api/v1/openapi.json collects them.
import { z } from 'zod';

export type Operation = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Extra request headers worth documenting (e.g. Idempotency-Key). */
  headers?: { name: string; description: string }[];
  responses: Record<number, { description: string; schema?: z.ZodType }>;
};

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const commonErrors = {
  400: { description: 'Invalid input; `details` names each bad field', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  404: { description: 'Not found in your organisation', schema: errorSchema },
} as const;

function toSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // Dates leave the API as ISO strings.
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date-time';
      }
    },
  });
}

export function buildOpenApiDocument(operations: Operation[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: toSchema(schema as z.ZodType, 'input'),
        }))
      : [];
    const headerParams = (op.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: false,
      description: h.description,
      schema: { type: 'string' },
    }));
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      parameters: [...pathParams, ...queryParams, ...headerParams],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? { content: { 'application/json': { schema: toSchema(r.schema, 'output') } } }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mailroom API',
      version: '1',
      description:
        'Authenticate with `Authorization: Bearer <API key>`. Errors: `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (mr_live_…)' } },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
