// Next answers a method a route file does not export with a bare 405. Each /api/v1 route file
// exports these for the methods it does not implement, so the answer has the error shape and an
// Allow header: `export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');`
import { methodNotAllowed } from './errors';
import { answerError } from './route';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (req: Request) => Promise<Response>;

export function otherMethods(...allowed: Method[]): Record<Method, Handler> {
  const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
  const refuse: Handler = async (req) => answerError(req, methodNotAllowed(req.method, allow));
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
