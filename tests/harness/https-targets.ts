// Origin servers that stand in for <workspace>sensorapi.atp.azure.com.
// One listener per scenario, all on 127.0.0.1 with a random port. Each gets a
// realistic host name (mapped to 127.0.0.1 by Squid's hosts_file, or by the
// engine's --resolve) so SNI, Host headers and certificate name checks behave
// as they would against the real service.
//
// Requests/connections are appended to <dir>/<scenario>.jsonl synchronously
// BEFORE answering: tests run in other processes (vitest forks) than the one
// that owns these servers, so the log file is how they see what arrived.
import { appendFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { TestPki } from './pki.js';

export const PING_PATH = '/tri/sensor/api/ping';

export const SCENARIOS = [
  'ok',
  'version',
  'unavailable',
  'notFound',
  'expired',
  'wrongName',
  'lookalike',
  'silent',
  'reset',
  'refused',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface Endpoint {
  /** Workspace part of the name, e.g. "contoso-ok". */
  workspace: string;
  /** e.g. "contoso-oksensorapi.atp.azure.com" (resolves to 127.0.0.1 only via Squid's hosts_file or --resolve). */
  host: string;
  port: number;
  /** https://<host>:<port> (no path). */
  url: string;
  /** The JSON-lines log of what this server saw. */
  logPath: string;
}

/** One line of <scenario>.jsonl. */
export type TargetEvent =
  | { kind: 'connection'; at: number; remotePort: number }
  | { kind: 'tls'; at: number; servername: string | null; protocol: string | null }
  | { kind: 'request'; at: number; method: string; path: string; host: string | null; headers: Record<string, string> };

export interface Targets {
  endpoints: Record<Scenario, Endpoint>;
  /** In-process view of the same events as <scenario>.jsonl (for bench-style users in this process). */
  events(scenario: Scenario): readonly TargetEvent[];
  close(): Promise<void>;
}

/** The single name (as a hostname) Squid's hosts_file and tests use for a scenario. */
export function hostFor(scenario: Scenario): { workspace: string; host: string } {
  const workspace = `contoso-${scenario.toLowerCase()}`;
  return { workspace, host: `${workspace}sensorapi.atp.azure.com` };
}

type Responder = (method: string, reqPath: string) => { status: number; body: string };

// ok / expired / wrongName / lookalike differ only in the certificate they present.
const okResponder: Responder = (m, p) =>
  m === 'GET' && p === PING_PATH ? { status: 200, body: 'Ok' } : { status: 404, body: 'Not Found' };
const RESPONDERS: Partial<Record<Scenario, Responder>> = {
  ok: okResponder,
  expired: okResponder,
  wrongName: okResponder,
  lookalike: okResponder,
  version: (m, p) => (m === 'GET' && p === PING_PATH ? { status: 200, body: '2.255.19267.9636' } : { status: 404, body: 'Not Found' }),
  unavailable: () => ({ status: 503, body: 'The service is unavailable' }),
  notFound: () => ({ status: 404, body: 'Not Found' }),
};

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** Start every scenario's listener; logs go to `logDir` (default: the PKI dir). */
export async function startTargets(pki: TestPki, logDir: string = pki.dir): Promise<Targets> {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const endpoints = {} as Record<Scenario, Endpoint>;
  const memory = new Map<string, TargetEvent[]>();
  const log = (logPath: string, ev: TargetEvent): void => {
    appendFileSync(logPath, JSON.stringify(ev) + '\n');
    const list = memory.get(logPath) ?? [];
    if (list.length < 10_000) list.push(ev); // bounded: a runaway client must not eat memory
    memory.set(logPath, list);
  };

  const track = (logPath: string) => (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Peers that vanish mid-test must not crash the harness process.
    socket.on('error', () => {});
    log(logPath, { kind: 'connection', at: Date.now(), remotePort: socket.remotePort ?? 0 });
  };

  const tlsFor = (s: Scenario): { cert: string; key: string } => {
    switch (s) {
      case 'expired':
        return { cert: pki.expiredLeaf.certPem, key: pki.expiredLeaf.keyPem };
      case 'wrongName':
        return { cert: pki.wrongNameLeaf.certPem, key: pki.wrongNameLeaf.keyPem };
      case 'lookalike':
        // Leaf + intermediate only: the (look-alike) root is never sent, like the real service.
        return { cert: pki.lookalikeLeaf.chainPem, key: pki.lookalikeLeaf.keyPem };
      default:
        return { cert: pki.leaf.certPem, key: pki.leaf.keyPem };
    }
  };

  for (const scenario of SCENARIOS) {
    const { workspace, host } = hostFor(scenario);
    const logPath = path.join(logDir, `${scenario}.jsonl`);
    writeFileSync(logPath, '');
    const onConn = track(logPath);
    let server: net.Server;
    const responder = RESPONDERS[scenario];
    if (responder) {
      const hs = https.createServer({ ...tlsFor(scenario), minVersion: 'TLSv1.2' }, (req, res) => {
        const reqPath = req.url ?? '';
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
        log(logPath, { kind: 'request', at: Date.now(), method: req.method ?? '', path: reqPath, host: req.headers.host ?? null, headers });
        const { status, body } = responder(req.method ?? '', reqPath);
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
      hs.on('connection', onConn);
      hs.on('secureConnection', (s: TLSSocket) => {
        const sni = (s as TLSSocket & { servername?: string | false }).servername;
        log(logPath, { kind: 'tls', at: Date.now(), servername: sni || null, protocol: s.getProtocol() });
      });
      // Failed handshakes (expired/wrongName/lookalike rejected by the client) are expected.
      hs.on('tlsClientError', () => {});
      hs.keepAliveTimeout = 2000;
      server = hs;
    } else if (scenario === 'silent') {
      // Accepts and never writes nor closes: a black-holed origin behind the proxy.
      // Its sockets are unref'd so a hung peer never keeps the process alive.
      server = net.createServer((socket) => {
        onConn(socket);
        socket.unref();
      });
    } else if (scenario === 'reset') {
      // Accept, read the ClientHello, then RST (not FIN): what an IPS that
      // dislikes the SNI does, so the client sees the reset mid-handshake.
      server = net.createServer((socket) => {
        onConn(socket);
        socket.once('data', () => socket.resetAndDestroy());
        socket.on('error', () => {});
      });
    } else {
      // 'refused': bind a port, then close it so nothing listens there.
      const tmp = net.createServer();
      const port = await listen(tmp);
      await new Promise<void>((r) => tmp.close(() => r()));
      endpoints[scenario] = { workspace, host, port, url: `https://${host}:${port}`, logPath };
      continue;
    }
    servers.push(server);
    const port = await listen(server);
    // Never let an idle test server keep a process (bench, vitest globalSetup) alive.
    server.unref();
    endpoints[scenario] = { workspace, host, port, url: `https://${host}:${port}`, logPath };
  }

  return {
    endpoints,
    events: (scenario) => memory.get(endpoints[scenario].logPath) ?? [],
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              (s as net.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}
