// Proxies that answer CONNECT the way broken or unusual proxies do, which
// Squid cannot be configured to imitate. ONE LISTENER PER MODE (not a mode
// chosen by host name): the engine is pointed at a proxy URL, so a test just
// picks the URL of the behaviour it wants and the requested target is irrelevant.
//
// Each server reads the request head (bounded to MAX_HEAD bytes and
// HEAD_TIMEOUT_MS), appends it to <dir>/proxy-<mode>.jsonl BEFORE answering
// (tests in other processes read that file to see e.g. which
// Proxy-Authorization was sent), then misbehaves.
import { appendFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const MISBEHAVING_MODES = ['unauthorized', 'forbidden', 'garbage', 'close', 'silent', 'status502'] as const;
export type MisbehavingMode = (typeof MISBEHAVING_MODES)[number];

const MAX_HEAD = 16 * 1024;
const HEAD_TIMEOUT_MS = 10_000;

export interface MisbehavingEndpoint {
  url: string;
  port: number;
  logPath: string;
}

/** One line of proxy-<mode>.jsonl. */
export interface ProxyHead {
  at: number;
  /** e.g. "CONNECT contoso-oksensorapi.atp.azure.com:443 HTTP/1.1" */
  requestLine: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  raw: string;
}

export interface MisbehavingProxies {
  endpoints: Record<MisbehavingMode, MisbehavingEndpoint>;
  close(): Promise<void>;
}

function body(status: string, text: string, extra: string[] = []): string {
  return [
    `HTTP/1.1 ${status}`,
    'Server: mdi-misbehaving-proxy',
    'Content-Type: text/plain',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    ...extra,
    '',
    text,
  ].join('\r\n');
}

/** What each mode writes after the head; null = write nothing. */
const ANSWERS: Record<MisbehavingMode, string | null> = {
  // A proxy (or something in front of it) answering with origin-style 401 instead of 407.
  unauthorized: body('401 Unauthorized', 'Unauthorized', ['WWW-Authenticate: Basic realm="MDI misbehaving proxy"']),
  // 403 without any Proxy-Authenticate: a proxy that refuses instead of asking for credentials.
  forbidden: body('403 Forbidden', 'Forbidden'),
  // Bytes that look like a TLS record, not HTTP: e.g. an HTTPS port configured as the HTTP proxy.
  garbage: '\x16\x03\x01 garbage not http\r\n\r\n',
  close: null,
  silent: null,
  status502: body('502 Bad Gateway', 'Bad Gateway'),
};

export function parseHead(raw: string): { requestLine: string; headers: Record<string, string> } {
  const lines = raw.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1, 200)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
  }
  return { requestLine: lines[0] ?? '', headers };
}

function serve(mode: MisbehavingMode, logPath: string, sockets: Set<net.Socket>): net.Server {
  return net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (mode === 'silent') socket.unref(); // a hung client must not keep the process alive
    const timer = setTimeout(() => socket.destroy(), HEAD_TIMEOUT_MS);
    timer.unref();
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEAD) socket.destroy();
        return;
      }
      socket.off('data', onData);
      clearTimeout(timer);
      const raw = buf.subarray(0, end).toString('latin1');
      const head: ProxyHead = { at: Date.now(), ...parseHead(raw), raw };
      appendFileSync(logPath, JSON.stringify(head) + '\n');
      const answer = ANSWERS[mode];
      if (mode === 'silent') return; // read the head, then never answer nor close
      if (answer === null) {
        socket.destroy();
        return;
      }
      socket.end(answer, 'latin1');
    };
    socket.on('data', onData);
  });
}

export async function startMisbehavingProxies(logDir: string): Promise<MisbehavingProxies> {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const endpoints = {} as Record<MisbehavingMode, MisbehavingEndpoint>;
  for (const mode of MISBEHAVING_MODES) {
    const logPath = path.join(logDir, `proxy-${mode}.jsonl`);
    writeFileSync(logPath, '');
    const server = serve(mode, logPath, sockets);
    servers.push(server);
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => resolve((server.address() as net.AddressInfo).port));
    });
    server.unref();
    endpoints[mode] = { url: `http://127.0.0.1:${port}`, port, logPath };
  }
  return {
    endpoints,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
