import type { Socket } from 'node:net';
import type { ProxyAnswer } from '../contract/types.js';
import type { ProxySpec } from '../request/probe-options.js';
import { MalformedResponseError, parseConnectResponse, type ConnectResponse } from './connect-response.js';
import type { Deadline } from './deadline.js';
import { ProbeFailure } from '../verdict/failure.js';
import type { PingAnswer } from './http-ping.js';
import type { PhaseRecorder } from './phases.js';
import { USER_AGENT, negotiate } from './proxy-link.js';
import { failureForStatus } from './proxy-status.js';
import { OversizedError, PeerClosedError, SocketReader } from './socket-reader.js';

// Plain HTTP (port 80), as CryptoAPI fetches CRLs and trust lists: only the
// status line and headers matter, so the body is never read.

const HEAD_LIMIT = 64 * 1024;

export interface PlainContext {
  url: URL;
  deadline: Deadline;
  recorder: PhaseRecorder;
  track: (socket: Socket) => void;
  abort: () => void;
}

/** GET over a connection we opened to the origin ourselves. */
export async function plainGet(socket: Socket, ctx: PlainContext): Promise<PingAnswer> {
  const { url } = ctx;
  const reader = new SocketReader(socket);
  const request = `GET ${url.pathname}${url.search}`;
  return ctx.recorder.time('http', async () => {
    socket.write(`${request} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: ${USER_AGENT}\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
    const head = await ctx.deadline.race('http', readHead(reader, `${request} on ${url.host}`), ctx.abort);
    return { status: head.statusCode, body: '' };
  }, (a) => `HTTP ${a.status}`);
}

/**
 * GET http://host/path through the proxy (absolute form, as WinHTTP sends it;
 * many proxies refuse CONNECT to port 80). A 407 is answered like CONNECT's.
 * An answer the proxy made itself (X-Squid-Error, Proxy-Status, 502/504) is the
 * proxy's verdict; anything else is the origin's answer.
 */
export async function proxiedGet(ctx: PlainContext & { proxy: ProxySpec; resolve: Map<string, string[]>; onAnswer: (a: ProxyAnswer) => void }): Promise<{ answer: PingAnswer; proxyAddresses: string[] }> {
  const line = `GET ${ctx.url.href}`;
  const { response, proxyAddresses } = await negotiate({ ...ctx, request: { line, host: ctx.url.host, phase: 'http' } });
  if (madeByProxy(response)) throw failureForStatus(response, line, 'http');
  return { answer: { status: response.statusCode, body: '' }, proxyAddresses };
}

function madeByProxy(response: ConnectResponse): boolean {
  if (response.headers['x-squid-error'] || /error=/i.test(response.headers['proxy-status'] ?? '')) return true;
  return response.statusCode === 502 || response.statusCode === 504;
}

async function readHead(reader: SocketReader, what: string): Promise<ConnectResponse> {
  try {
    return parseConnectResponse(await reader.readHead(HEAD_LIMIT));
  } catch (error) {
    if (error instanceof PeerClosedError) {
      throw new ProbeFailure('UnexpectedResponse', 'http', `The server closed the connection before answering ${what} (${error.message}).`);
    }
    if (error instanceof MalformedResponseError || error instanceof OversizedError) {
      throw new ProbeFailure('UnexpectedResponse', 'http', `The answer to ${what} is not valid HTTP: ${error.message}.`);
    }
    throw error;
  }
}
