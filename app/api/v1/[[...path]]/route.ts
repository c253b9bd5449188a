// Any /api/v1 path no route serves: a 404 with the error shape rather than Next's HTML page.
import { AppError } from '@/lib/api/errors';
import { publicRoute } from '@/lib/api/route';

const unknownPath = publicRoute(async (req) => {
  throw new AppError(404, 'not_found', `No API operation at ${new URL(req.url).pathname}.`);
});

export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
