import type { Socket } from 'node:net';
import type { PhaseName, ProxyAnswer } from '../contract/types.js';
import type { ProxySpec } from '../request/probe-options.js';
import {
  MalformedResponseError,
  bodyLength,
  keepsConnection,
  ntlmChallenge,
  offeredSchemes,
  parseConnectResponse,
  type ConnectResponse,
} from './connect-response.js';
import type { Deadline } from './deadline.js';
import { ProbeFailure } from './failure.js';
import type { PhaseRecorder } from './phases.js';
import { MalformedChallengeError, basicAuthorization, chooseScheme, ntlmAuthenticate, ntlmNegotiate } from './proxy-auth.js';
import { toProxyAnswer } from './proxy-status.js';
import { resolveHost } from './resolve.js';
import { OversizedError, PeerClosedError, SocketReader } from './socket-reader.js';
import { connectTcp } from './tcp.js';

const HEAD_LIMIT = 64 * 1024;
const BODY_LIMIT = 1024 * 1024;
export const USER_AGENT = 'MDIConnectivity';

/** What we ask the proxy: CONNECT host:port (HTTPS) or GET http://host/path (plain HTTP, absolute form). */
export interface ProxyRequest {
  /** "CONNECT host:443" or "GET http://host/path": also how messages name the request. */
  line: string;
  host: string;
  /** Phase the first exchange belongs to: the CONNECT, or the HTTP request itself. */
  phase: PhaseName;
}

export interface ProxyContext {
  proxy: ProxySpec;
  request: ProxyRequest;
  resolve: Map<string, string[]>;
  deadline: Deadline;
  recorder: PhaseRecorder;
  /** Registers a socket so a timeout can destroy it. */
  track: (socket: Socket) => void;
  abort: () => void;
  /** Sees every answer of the proxy, so a failed check still reports what the proxy said. */
  onAnswer: (answer: ProxyAnswer) => void;
}

export interface Negotiated {
  link: ProxyLink;
  response: ConnectResponse;
  proxyAddresses: string[];
}

/**
 * Resolves and connects to the proxy, sends the request, and answers a 407 with
 * Basic or NTLM (NTLM's legs on one kept-alive connection). Returns the proxy's
 * last answer, whatever it is: the caller decides what counts as success.
 */
export async function negotiate(ctx: ProxyContext): Promise<Negotiated> {
  const { proxy, recorder, deadline } = ctx;
  const proxyAddresses = await recorder.time(
    'dns',
    () => deadline.race('dns', resolveProxy(ctx), ctx.abort),
    (addresses) => `proxy ${proxy.host} is ${addresses.join(', ')}`,
  );
  const open = async (): Promise<ProxyLink> => {
    const { socket } = await deadline.race('tcp', connectTcp(proxyAddresses, proxy.port, 'proxy', ctx.track), ctx.abort);
    return new ProxyLink(socket, ctx);
  };
  let link = await recorder.time('tcp', open, () => `connected to proxy ${proxy.display}`);
  let response = await recorder.time(ctx.request.phase, () => link.exchange(null, ctx.request.phase), statusNote);
  if (response.statusCode !== 407) return { link, response, proxyAddresses };

  const offered = offeredSchemes(response);
  const scheme = chooseScheme(offered);
  if (!proxy.user || proxy.password === undefined || !scheme) throw authRequired(ctx, response, offered, Boolean(proxy.user));
  response = await recorder.time(
    'proxyAuth',
    async () => {
      if (!link.reusable) link = await open();
      return scheme === 'NTLM' ? ntlmHandshake(link, proxy.user!, proxy.password!) : link.exchange(basicAuthorization(proxy.user!, proxy.password!), 'proxyAuth');
    },
    (r) => `${scheme} as ${proxy.user}: ${statusNote(r)}`,
  );
  if (response.statusCode === 407) {
    throw new ProbeFailure('ProxyAuthFailed', 'proxyAuth',
      `The proxy rejected ${scheme} credentials for '${proxy.user}' (407 again after authenticating).`,
      { scheme, user: proxy.user });
  }
  return { link, response, proxyAddresses };
}

async function ntlmHandshake(link: ProxyLink, user: string, password: string): Promise<ConnectResponse> {
  const challengeAnswer = await link.exchange(ntlmNegotiate(), 'proxyAuth');
  const challenge = ntlmChallenge(challengeAnswer);
  if (challengeAnswer.statusCode !== 407 || !challenge) return challengeAnswer;
  if (!link.reusable) {
    throw new ProbeFailure('ProxyError', 'proxyAuth',
      'The proxy closed the connection in the middle of the NTLM handshake: NTLM needs one kept-alive connection (check keep-alive for authentication on the proxy).');
  }
  let authenticate: string;
  try {
    authenticate = ntlmAuthenticate(challenge, user, password);
  } catch (error) {
    if (!(error instanceof MalformedChallengeError)) throw error;
    throw new ProbeFailure('ProxyError', 'proxyAuth', `NTLM failed: ${error.message}.`);
  }
  return link.exchange(authenticate, 'proxyAuth');
}

async function resolveProxy(ctx: ProxyContext): Promise<string[]> {
  try {
    return await resolveHost(ctx.proxy.host, ctx.proxy.port, ctx.resolve);
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    throw new ProbeFailure('ProxyUnreachable', 'dns', `The proxy's own name does not resolve: ${error.message}`);
  }
}

function authRequired(ctx: ProxyContext, response: ConnectResponse, offered: string[], hadUser: boolean): ProbeFailure {
  const schemes = offered.length ? offered.join(', ') : 'no scheme';
  const why = hadUser
    ? `offers ${schemes}; this tool can authenticate with Basic or NTLM only`
    : `offers ${schemes}, and no credentials were given`;
  const squid = response.headers['x-squid-error'];
  return new ProbeFailure('ProxyAuthRequired', ctx.request.phase,
    `The proxy requires authentication for ${ctx.request.line} (407): it ${why}${squid ? ` (X-Squid-Error: ${squid})` : ''}.`,
    { schemes });
}

function statusNote(response: ConnectResponse): string {
  return `proxy answered ${response.statusCode} ${response.statusText}`.trim();
}

/** One TCP connection to the proxy, able to carry several attempts of one request (NTLM legs). */
export class ProxyLink {
  reusable = false;
  private readonly socket: Socket;
  private readonly reader: SocketReader;
  private readonly ctx: ProxyContext;

  constructor(socket: Socket, ctx: ProxyContext) {
    this.socket = socket;
    this.ctx = ctx;
    this.reader = new SocketReader(socket);
  }

  async exchange(authorization: string | null, phase: PhaseName): Promise<ConnectResponse> {
    const work = this.send(authorization);
    try {
      return await this.ctx.deadline.race(phase, work, this.ctx.abort);
    } catch (error) {
      throw this.asFailure(error, phase);
    }
  }

  detach(): Socket {
    return this.reader.detach();
  }

  private async send(authorization: string | null): Promise<ConnectResponse> {
    const { line, host } = this.ctx.request;
    const lines = [`${line} HTTP/1.1`, `Host: ${host}`, `User-Agent: ${USER_AGENT}`, 'Proxy-Connection: Keep-Alive'];
    if (authorization) lines.push(`Proxy-Authorization: ${authorization}`);
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    const response = parseConnectResponse(await this.reader.readHead(HEAD_LIMIT));
    this.ctx.onAnswer(toProxyAnswer(response, authorization?.split(' ', 1)[0]));
    this.reusable = false;
    // Only a 407 is followed by another attempt on this connection: drain its body.
    if (response.statusCode === 407 && keepsConnection(response) && bodyLength(response) <= BODY_LIMIT) {
      await this.reader.readExactly(bodyLength(response));
      this.reusable = !this.reader.isClosed;
    }
    return response;
  }

  private asFailure(error: unknown, phase: PhaseName): unknown {
    const { line } = this.ctx.request;
    if (error instanceof PeerClosedError) {
      const when = error.received ? 'in the middle of its answer' : 'without answering';
      return new ProbeFailure('ProxyError', phase, `The proxy closed the connection ${when} to ${line} (${error.message}).`);
    }
    if (error instanceof MalformedResponseError || error instanceof OversizedError) {
      return new ProbeFailure('ProxyError', phase, `The proxy's answer to ${line} is not valid HTTP: ${error.message}.`);
    }
    return error;
  }
}
