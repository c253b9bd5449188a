// Next's request proxy (formerly middleware). Keep its matcher narrow: for every request it matches,
// Next buffers the body (and reads it to the end) before any route sees it, which would undo the
// bounded body reading of lib/api/read-body.ts and truncate large bodies past 10 MB.
import { refuseUndecodablePath } from './lib/api/refuse-undecodable-path';

export function proxy(request: Request): Response | undefined {
  return refuseUndecodablePath(request);
}

export const config = {
  // Only /api/v1 paths holding a non-ASCII percent escape (the only ones that can fail to decode).
  matcher: ['/api/v1/:path(.*%[89a-fA-F].*)'],
};
