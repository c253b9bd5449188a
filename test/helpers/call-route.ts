// Calls a Next route handler the way Next would: a real Request in, a real Response out. The
// handler, its validation, tenancy and database work are the real code; only the HTTP server is
// skipped (the end-to-end tests cover that).
type Handler<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;

export type CallOptions<P> = {
  method?: string;
  path?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
  params?: P;
};

export async function callRoute<P = Record<string, never>>(
  handler: Handler<P>,
  options: CallOptions<P> = {},
) {
  const headers = new Headers(options.headers);
  if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    const raw =
      typeof options.body === 'string' || options.body instanceof FormData || options.body instanceof Blob;
    body = raw ? (options.body as BodyInit) : JSON.stringify(options.body);
    if (!(options.body instanceof FormData) && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
  }
  const req = new Request(`http://localhost${options.path ?? '/'}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: res.status, headers: res.headers, json: json as any, text };
}
