import { nowMs } from './clock.js';
import type { Socket } from 'node:net';
import type { CertificateInfo, CheckResult, PhaseName, ProxyAnswer } from '../contract/types.js';
import type { PlannedRoute } from '../settings/planned-route.js';
import type { TrustStore } from '../trust/trust-store.js';
import { describeChain, judgeChain } from '../verdict/chain.js';
import { remediationFor } from '../verdict/remediation.js';
import type { Deadline } from './deadline.js';
import { ProbeFailure } from '../verdict/failure.js';
import { ping, type PingAnswer } from './http-ping.js';
import { PhaseRecorder, round, type PhaseLog } from './phases.js';
import { plainGet, proxiedGet } from './plain-http.js';
import type { ProbeTarget } from './probe-target.js';
import { openTunnel } from './proxy-tunnel.js';
import { resolveHost } from './resolve.js';
import { connectTcp } from './tcp.js';
import { handshake, type TlsOutcome } from './tls-handshake.js';

/** Everything learned so far, so a failed check still reports what it saw. */
interface Observed {
  addresses: string[];
  proxyAnswer: ProxyAnswer | null;
  tls: TlsOutcome | null;
  /** The chain as reported, described once (the phase note and the result share it). */
  chain: CertificateInfo[];
  answer: PingAnswer | null;
}

export interface CheckContext {
  resolve: Map<string, string[]>;
  /** One budget for the check; several checks may share one so the whole command is bounded. */
  deadline: Deadline;
}

/**
 * One check along one route: DNS, TCP, CONNECT (when proxied), TLS with the chain,
 * GET; or for plain http:// URLs DNS, TCP and GET (through the proxy in absolute form). One verdict.
 */
export async function runCheck(target: ProbeTarget, ctx: CheckContext, route: PlannedRoute, trust: TrustStore, log: PhaseLog): Promise<CheckResult> {
  const proxy = route.proxy;
  const started = nowMs();
  const { url } = target;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const plain = url.protocol === 'http:';
  const port = Number(url.port || (plain ? 80 : 443));
  const recorder = new PhaseRecorder(log);
  const sockets: Socket[] = [];
  const track = (socket: Socket): void => void sockets.push(socket);
  // Outermost first: tearing a raw socket out from under a live TLSSocket crashes Node 24 at exit.
  const abort = (): void => sockets.toReversed().forEach((socket) => socket.destroy());
  const seen: Observed = { addresses: [], proxyAnswer: null, tls: null, chain: [], answer: null };

  let detail: string;
  let failure: ProbeFailure | null = null;
  try {
    const steps: Steps = { target, ctx, proxy, trust, recorder, track, abort, seen, host, port };
    seen.answer = plain ? await plainSteps(steps) : await tlsSteps(steps);
    detail = target.judge(seen.answer, host);
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    failure = error;
    detail = error.message;
  } finally {
    abort();
  }

  const verdict = failure?.verdict ?? 'Pass';
  const failedPhase: PhaseName | null = failure?.phase ?? null;
  return {
    target: url.href,
    endpointId: target.endpointId,
    category: target.category,
    required: target.required,
    host,
    port,
    verdict,
    passed: verdict === 'Pass',
    detail,
    remediation: remediationFor(verdict, { host, port, proxy: proxy?.display ?? null, facts: failure?.facts ?? {}, category: target.category }),
    httpStatus: seen.answer?.status ?? null,
    responseBody: seen.answer ? seen.answer.body.slice(0, 200) : null,
    proxy: proxy?.display ?? null,
    failedPhase,
    addresses: seen.addresses,
    phases: recorder.phases,
    proxyAnswer: seen.proxyAnswer,
    certificateChain: seen.chain,
    tlsProtocol: seen.tls?.protocol ?? null,
    totalMs: round(nowMs() - started),
    routeSource: route.source,
    routeAccounts: route.accounts,
    routeReason: route.reason,
  };
}

interface Steps {
  target: ProbeTarget;
  ctx: CheckContext;
  proxy: PlannedRoute['proxy'];
  trust: TrustStore;
  recorder: PhaseRecorder;
  track: (socket: Socket) => void;
  abort: () => void;
  seen: Observed;
  host: string;
  port: number;
}

async function tlsSteps({ target, ctx, proxy, trust, recorder, track, abort, seen, host, port }: Steps): Promise<PingAnswer> {
  const { deadline } = ctx;
  let socket: Socket;
  if (proxy) {
    const onAnswer = (answer: ProxyAnswer): void => void (seen.proxyAnswer = answer);
    const tunnel = await openTunnel({ proxy, targetHost: host, targetPort: port, resolve: ctx.resolve, deadline, recorder, track, abort, onAnswer });
    ({ socket } = tunnel);
    seen.addresses = tunnel.proxyAddresses;
  } else {
    socket = await directSocket({ ctx, recorder, track, abort, seen, host, port });
  }
  const tls = await recorder.time('tls', async () => {
    seen.tls = await deadline.race('tls', handshake(socket, host, trust), abort);
    track(seen.tls.socket);
    seen.chain = describeChain(seen.tls.chain, trust);
    judgeChain(host, seen.tls, trust);
    return seen.tls;
  }, (t) => `${t.protocol ?? 'TLS'}, chain ${seen.chain.map((c) => c.subject).join(' > ')}`);
  return recorder.time('http', () => deadline.race('http', ping(tls.socket, target.url), abort), (a) => `HTTP ${a.status}`);
}

async function plainSteps({ target, ctx, proxy, recorder, track, abort, seen, host, port }: Steps): Promise<PingAnswer> {
  const plain = { url: target.url, deadline: ctx.deadline, recorder, track, abort };
  if (!proxy) return plainGet(await directSocket({ ctx, recorder, track, abort, seen, host, port }), plain);
  const onAnswer = (answer: ProxyAnswer): void => void (seen.proxyAnswer = answer);
  const { answer, proxyAddresses } = await proxiedGet({ ...plain, proxy, resolve: ctx.resolve, onAnswer });
  seen.addresses = proxyAddresses;
  return answer;
}

async function directSocket({ ctx, recorder, track, abort, seen, host, port }: Pick<Steps, 'ctx' | 'recorder' | 'track' | 'abort' | 'seen' | 'host' | 'port'>): Promise<Socket> {
  const { deadline } = ctx;
  seen.addresses = await recorder.time('dns', () => deadline.race('dns', resolveHost(host, port, ctx.resolve), abort), (a) => a.join(', '));
  const { socket } = await recorder.time('tcp', () => deadline.race('tcp', connectTcp(seen.addresses, port, 'target', track), abort), (t) => `connected to ${t.address}:${port}`);
  return socket;
}
