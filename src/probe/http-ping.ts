import { createRequire } from 'node:module';
import type { TLSSocket } from 'node:tls';
import { ProbeFailure } from './failure.js';
import { errorCode } from './socket-reader.js';

export interface PingAnswer {
  status: number;
  body: string;
  /** What the service meant (see pingText), when the answer came from the sensor API ping. */
  text?: string;
}

const BODY_LIMIT = 64 * 1024;

// Loaded through require: an ESM import of node:http evaluates all its lazy
// exports, which pulls Node's internal undici in (~15 ms of start-up) for nothing.
const { request } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

/**
 * GET over the TLS socket we already judged. node:http speaks over a socket we
 * hand it (createConnection). undici (for plain HTTP fetches) arrives with the allowlist checks.
 */
export function ping(socket: TLSSocket, url: URL): Promise<PingAnswer> {
  return new Promise((resolve, reject) => {
    const failed = (error: unknown): void =>
      reject(new ProbeFailure('UnexpectedResponse', 'http', `The HTTPS request to ${url.host} failed before a complete answer (${errorCode(error)}).`));
    const req = request(
      {
        method: 'GET',
        host: url.hostname,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        headers: { host: url.host, 'user-agent': 'MDIConnectivity', accept: '*/*', connection: 'close' },
        createConnection: () => socket,
        insecureHTTPParser: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= BODY_LIMIT) chunks.push(chunk);
          else response.destroy();
        });
        const done = (): void => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body, text: pingText(body, response.headers['content-type']) });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', failed);
      },
    );
    req.on('error', failed);
    req.end();
  });
}

/**
 * What the service meant by its answer: the body without a byte-order mark and surrounding
 * white space, and a JSON string unwrapped. The ping has answered `Ok`, a bare version, and the
 * same version JSON-encoded (`"2.255.19267.9636"`, application/json) as ASP.NET writes a string.
 */
export function pingText(body: string, contentType: string | undefined): string {
  const text = body.replace(/^\uFEFF/, '').trim();
  const json = /^"[^]*"$/.test(text) || /[/+]json\b/i.test(contentType ?? '');
  if (!json) return text;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value.trim() : text;
  } catch {
    return text;
  }
}
