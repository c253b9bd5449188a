// Mounts the app's own route handlers on a node:http server, so a provider's test server can call
// our webhooks over real HTTP (path parameters from `:name` segments), the way Next would serve them.
import http from 'node:http';

// Each route's own params type; the server hands it what the path held.
type Handler = (req: Request, route: { params: Promise<never> }) => Promise<Response>;

export type RouteServer = { url: string; requests: number; close(): Promise<void> };

export async function startRouteServer(
  routes: Record<string, Record<string, Handler>>,
): Promise<RouteServer> {
  const compiled = Object.entries(routes).map(([pattern, methods]) => {
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    return { regex, names, methods };
  });
  const state = { requests: 0 };
  const server = http.createServer(async (req, res) => {
    state.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0]!;
    for (const { regex, names, methods } of compiled) {
      const match = regex.exec(path);
      const handler = match ? methods[req.method ?? 'GET'] : undefined;
      if (!match || !handler) continue;
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body,
      });
      const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
