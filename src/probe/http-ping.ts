import type { TLSSocket } from 'node:tls';
import { ProbeFailure } from '../verdict/failure.js';
import type { PingAnswer } from '../verdict/ping-answer.js';
import { MalformedResponseError } from './connect-response.js';
import { readHttpAnswer } from './http-response.js';
import { USER_AGENT } from './proxy-link.js';
import { OversizedError, PeerClosedError, SocketReader, errorCode } from './socket-reader.js';

// The answer's shape belongs to the verdict that judges it (probe depends on verdict, never back).
export type { PingAnswer };

const BODY_LIMIT = 64 * 1024;

/** GET over the TLS socket we already judged, read by hand (./http-response.ts says why). */
export async function ping(socket: TLSSocket, url: URL): Promise<PingAnswer> {
  const reader = new SocketReader(socket);
  socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: ${USER_AGENT}\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  try {
    const { head, body } = await readHttpAnswer(reader, BODY_LIMIT);
    const text = body.toString('utf8');
    return { status: head.statusCode, body: text, text: pingText(text, head.headers['content-type']) };
  } catch (error) {
    const why = error instanceof PeerClosedError ? error.message : error instanceof MalformedResponseError || error instanceof OversizedError ? `not valid HTTP: ${error.message}` : errorCode(error);
    throw new ProbeFailure('UnexpectedResponse', 'http', `The HTTPS request to ${url.host} failed before a complete answer (${why}).`);
  }
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
