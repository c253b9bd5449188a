// Route handler wrappers for /api/v1: resolve the org once (API key, or the browser's session),
// check the role, turn thrown AppErrors into the error shape. Handlers receive a non-optional
// OrgContext and never look it up themselves.
import type { z } from 'zod';
import { authenticateApiKey } from '../auth/authenticate-api-key';
import { type OrgContext, requireRole } from '../auth/org-context';
import { sessionOrgContext } from '../auth/session-org';
import { getDb } from '../db/client';
import type { Role } from '../db/schema/orgs';
import { clientAddressOf } from '../net/client-address';
import {
  badRequest,
  forbidden,
  headerTooLarge,
  parseOr400,
  refuseNulIn,
  unauthorized,
  unsupportedMediaType,
} from './errors';
import { JSON_BODY_LIMIT, readBodyBytes } from './read-body';
import { errorResponse, json } from './respond';
import { strictJson } from './strict-json';

/** Longer query strings are refused with a 431 (Node refuses request heads past 16 KB itself). */
export const MAX_QUERY_LENGTH = 8 * 1024;

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: OrgContext, params: P) => Promise<Response | unknown>;

export function orgRoute<P = Record<string, never>>(handler: Handler<P>, options: { minRole?: Role } = {}) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    let ctx: OrgContext | undefined;
    try {
      checkUrl(req);
      ctx = await resolveOrgContext(req);
      if (options.minRole) requireRole(ctx, options.minRole);
      const params = await route.params;
      refuseNulIn(params, 'path');
      const result = await handler(req, ctx, params);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return answerError(req, error, { orgId: ctx?.orgId });
    }
  };
}

/** For routes without an org (health, OpenAPI): only the error shape. */
export function publicRoute(handler: (req: Request) => Promise<Response | unknown>) {
  return async (req: Request): Promise<Response> => {
    try {
      checkUrl(req);
      const result = await handler(req);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return answerError(req, error, {});
    }
  };
}

/**
 * For routes without an org that take path parameters (a provider's webhook, which proves who it is
 * with a token in its path or a signature): only the error shape.
 */
export function publicRouteWith<P>(handler: (req: Request, params: P) => Promise<Response | unknown>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      checkUrl(req);
      const params = await route.params;
      refuseNulIn(params, 'path');
      const result = await handler(req, params);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return answerError(req, error, {});
    }
  };
}

export function answerError(req: Request, error: unknown, context: Record<string, unknown> = {}): Response {
  const res = errorResponse(error, { ...context, method: req.method, path: new URL(req.url).pathname });
  // A body refused before it was read (401, 415, …) would otherwise be drained off the wire by
  // Node, however large: close the connection instead, as a 413 does.
  if (req.body && !req.bodyUsed && req.headers.get('content-length') !== '0') {
    res.headers.set('Connection', 'close');
  }
  return res;
}

async function resolveOrgContext(req: Request): Promise<OrgContext> {
  const authorization = req.headers.get('authorization');
  if (authorization) return authenticateApiKey(getDb(), authorization, clientAddressOf(req.headers));
  const ctx = await sessionOrgContext();
  if (!ctx) throw unauthorized();
  // A cookie rides along on cross-site requests too: writes with a session must come from our pages.
  if (!['GET', 'HEAD'].includes(req.method) && !isSameOrigin(req)) {
    throw forbidden('Cross-site requests with a session cookie are refused; use an API key.');
  }
  return ctx;
}

function isSameOrigin(req: Request): boolean {
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = req.headers.get('origin');
  return !origin || origin === new URL(req.url).origin;
}

function checkUrl(req: Request): void {
  const { search } = new URL(req.url);
  if (search.length > MAX_QUERY_LENGTH) {
    throw headerTooLarge(`The query string is longer than ${MAX_QUERY_LENGTH} characters.`);
  }
}

/**
 * The JSON body, read through the bounded reader (413 past `limit`), typed strictly: it must be
 * sent as application/json (else 415), be JSON (else 400), and match the schema with no unknown
 * field and no coercion (see strict-json.ts).
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  { limit = JSON_BODY_LIMIT }: { limit?: number } = {},
): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw unsupportedMediaType('Send the request body as JSON, with Content-Type: application/json.');
  }
  const bytes = await readBodyBytes(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badRequest('The request body must be JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
  return parseOr400(strictJson(schema), body, 'request body');
}

/** The query string, validated (repeated keys become arrays). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length > 1 ? values : values[0]!;
  }
  return parseOr400(schema, query, 'query');
}
