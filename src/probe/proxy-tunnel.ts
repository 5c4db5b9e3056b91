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
import { MalformedChallengeError, basicAuthorization, chooseScheme, ntlmAuthenticate, ntlmNegotiate, type AuthScheme } from './proxy-auth.js';
import { failureForStatus, toProxyAnswer } from './proxy-status.js';
import { resolveHost } from './resolve.js';
import { OversizedError, PeerClosedError, SocketReader } from './socket-reader.js';
import { connectTcp } from './tcp.js';

const HEAD_LIMIT = 64 * 1024;
const BODY_LIMIT = 1024 * 1024;
const USER_AGENT = 'MDIConnectivity';

export interface TunnelContext {
  proxy: ProxySpec;
  targetHost: string;
  targetPort: number;
  resolve: Map<string, string[]>;
  deadline: Deadline;
  recorder: PhaseRecorder;
  /** Registers a socket so a timeout can destroy it. */
  track: (socket: Socket) => void;
  abort: () => void;
  /** Sees every answer of the proxy, so a failed check still reports what the proxy said. */
  onAnswer: (answer: ProxyAnswer) => void;
}

export interface Tunnel {
  socket: Socket;
  proxyAddresses: string[];
}

/** Drives CONNECT by hand so every answer of the proxy, and every auth leg, is visible. */
export async function openTunnel(ctx: TunnelContext): Promise<Tunnel> {
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
  let response = await recorder.time('proxyConnect', () => link.exchange(null, 'proxyConnect'), statusNote);
  let scheme: AuthScheme | undefined;
  if (response.statusCode === 407) {
    const offered = offeredSchemes(response);
    const chosen = chooseScheme(offered);
    if (!proxy.user || proxy.password === undefined || !chosen) throw authRequired(ctx, response, offered, Boolean(proxy.user));
    scheme = chosen;
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
  }
  if (response.statusCode !== 200) throw failureForStatus(response, target(ctx));
  return { socket: link.detach(), proxyAddresses };
}

async function ntlmHandshake(link: ProxyLink, user: string, password: string): Promise<ConnectResponse> {
  const challengeAnswer = await link.exchange(ntlmNegotiate(user), 'proxyAuth');
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

async function resolveProxy(ctx: TunnelContext): Promise<string[]> {
  try {
    return await resolveHost(ctx.proxy.host, ctx.proxy.port, ctx.resolve);
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    throw new ProbeFailure('ProxyUnreachable', 'dns', `The proxy's own name does not resolve: ${error.message}`);
  }
}

function authRequired(ctx: TunnelContext, response: ConnectResponse, offered: string[], hadUser: boolean): ProbeFailure {
  const schemes = offered.length ? offered.join(', ') : 'no scheme';
  const why = hadUser
    ? `offers ${schemes}; this tool can authenticate with Basic or NTLM only`
    : `offers ${schemes}, and no credentials were given`;
  const squid = response.headers['x-squid-error'];
  return new ProbeFailure('ProxyAuthRequired', 'proxyConnect',
    `The proxy requires authentication for CONNECT ${target(ctx)} (407): it ${why}${squid ? ` (X-Squid-Error: ${squid})` : ''}.`,
    { schemes });
}

function target(ctx: TunnelContext): string {
  return `${ctx.targetHost}:${ctx.targetPort}`;
}

function statusNote(response: ConnectResponse): string {
  return `proxy answered ${response.statusCode} ${response.statusText}`.trim();
}

/** One TCP connection to the proxy, able to carry several CONNECT attempts (NTLM legs). */
class ProxyLink {
  reusable = false;
  private readonly socket: Socket;
  private readonly reader: SocketReader;
  private readonly ctx: TunnelContext;

  constructor(socket: Socket, ctx: TunnelContext) {
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
    const hostPort = target(this.ctx);
    const lines = [`CONNECT ${hostPort} HTTP/1.1`, `Host: ${hostPort}`, `User-Agent: ${USER_AGENT}`, 'Proxy-Connection: Keep-Alive'];
    if (authorization) lines.push(`Proxy-Authorization: ${authorization}`);
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    const response = parseConnectResponse(await this.reader.readHead(HEAD_LIMIT));
    this.ctx.onAnswer(toProxyAnswer(response, authorization?.split(' ', 1)[0]));
    this.reusable = false;
    if (response.statusCode !== 200 && keepsConnection(response) && bodyLength(response) <= BODY_LIMIT) {
      await this.reader.readExactly(bodyLength(response));
      this.reusable = !this.reader.isClosed;
    }
    return response;
  }

  private asFailure(error: unknown, phase: PhaseName): unknown {
    if (error instanceof PeerClosedError) {
      const when = error.received ? 'in the middle of its answer' : 'without answering';
      return new ProbeFailure('ProxyError', phase, `The proxy closed the connection ${when} to CONNECT ${target(this.ctx)} (${error.message}).`);
    }
    if (error instanceof MalformedResponseError || error instanceof OversizedError) {
      return new ProbeFailure('ProxyError', phase, `The proxy's answer to CONNECT is not valid HTTP: ${error.message}.`);
    }
    return error;
  }
}
