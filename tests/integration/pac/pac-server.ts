// A real node:http server on 127.0.0.1 (random port) for the PAC tests, with
// a route per behaviour. Self-contained: no dependency on the global harness.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  host: string | undefined;
}

export interface PacServer {
  port: number;
  base: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export async function startPacServer(routes: Record<string, Route>): Promise<PacServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, host: req.headers.host });
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled test routes keep sockets open; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function servePac(script: string, contentType = 'application/x-ns-proxy-autoconfig'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType }).end(script);
  };
}
