// A path segment that is not valid percent-encoded UTF-8 (`/api/v1/senders/%FF`) makes Next fail
// while decoding route parameters, before any handler runs, with a bare 500. proxy.ts sends such
// /api/v1 paths here first (its matcher picks only paths with non-ASCII escapes, so ordinary API
// requests and their bodies never pass through the proxy): 400 in the error shape.
import { badRequest } from './errors';
import { errorResponse } from './respond';

export function refuseUndecodablePath(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  for (const segment of pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return errorResponse(
        badRequest('The request path is not valid percent-encoded UTF-8.', [
          { path: '(path)', message: `segment "${segment.slice(0, 100)}" cannot be decoded` },
        ]),
      );
    }
  }
  return undefined;
}
