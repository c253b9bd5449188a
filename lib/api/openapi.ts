// The OpenAPI 3.1 document, built from the same zod schemas the handlers validate with. Each
// domain lists its operations in lib/<domain>/openapi.ts; app/api/v1/openapi.json collects them.
import { z } from 'zod';
import { strictJson } from './strict-json';

export type Operation = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  /** A JSON body (application/json), validated strictly: no unknown field, no coercion. */
  body?: z.ZodType;
  /** A body in other media types (uploads): JSON Schema per media type. */
  rawBody?: Record<string, { schema: Record<string, unknown>; description?: string }>;
  /** Extra request headers worth documenting (e.g. Idempotency-Key). */
  headers?: { name: string; description: string }[];
  responses: Record<
    number,
    {
      description: string;
      schema?: z.ZodType;
      /** When the body is not JSON: its media type (text/event-stream, application/pdf, …). */
      contentType?: string;
      /** For text/event-stream: the JSON each event's `data:` line holds. */
      eventSchema?: z.ZodType;
    }
  >;
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

/** Every operation that reads a body can answer these. */
const bodyErrors: Operation['responses'] = {
  413: { description: 'The body is larger than the operation accepts', schema: errorSchema },
  415: { description: 'The body is not in a media type the operation accepts', schema: errorSchema },
};

function responseContent(r: Operation['responses'][number]) {
  if (r.contentType === 'text/event-stream') {
    return {
      content: {
        'text/event-stream': {
          schema: { type: 'string', description: 'Server-Sent Events' },
          ...(r.eventSchema ? { 'x-event-data': toSchema(r.eventSchema, 'output') } : {}),
        },
      },
    };
  }
  if (r.contentType) {
    return { content: { [r.contentType]: { schema: { type: 'string', format: 'binary' } } } };
  }
  return r.schema ? { content: { 'application/json': { schema: toSchema(r.schema, 'output') } } } : {};
}

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
      ...(op.body || op.rawBody
        ? {
            requestBody: {
              required: true,
              content: {
                ...(op.body
                  ? { 'application/json': { schema: toSchema(strictJson(op.body), 'input') } }
                  : {}),
                ...op.rawBody,
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ ...(op.body || op.rawBody ? bodyErrors : {}), ...op.responses }).map(
          ([status, r]) => [status, { description: r.description, ...responseContent(r) }],
        ),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mailroom API',
      version: '1',
      description:
        'Authenticate with `Authorization: Bearer <API key>`. Errors: `{ "error": { "code", "message", "details" } }`, ' +
        'with `details[].path` naming each bad field. JSON bodies are sent as `application/json` (else 415), are at most ' +
        '1 MB (40 MB for POST /api/v1/messages; else 413), are typed strictly (no unknown field, no string for a number) ' +
        'and, like query strings and path segments, may not contain the NUL character (400 naming the field). ' +
        'A method a path does not take answers 405 with `Allow`; a query string over 8 KB answers 431.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (mr_live_…)' } },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
