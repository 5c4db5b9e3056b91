import { nowMs } from './clock.js';
import type { Socket } from 'node:net';
import type { CheckResult, PhaseName, ProxyAnswer } from '../contract/types.js';
import type { ProbeOptions } from '../request/probe-options.js';
import type { PlannedRoute } from '../settings/planned-route.js';
import type { TrustStore } from '../trust/trust-store.js';
import { describeChain, judgeChain } from '../verdict/chain.js';
import { judgePing } from '../verdict/ping-answer.js';
import { remediationFor } from '../verdict/remediation.js';
import { Deadline } from './deadline.js';
import { ProbeFailure } from './failure.js';
import { ping, type PingAnswer } from './http-ping.js';
import { PhaseRecorder, round, type PhaseLog } from './phases.js';
import { openTunnel } from './proxy-tunnel.js';
import { resolveHost } from './resolve.js';
import { connectTcp } from './tcp.js';
import { handshake, type TlsOutcome } from './tls-handshake.js';

/** Everything learned so far, so a failed check still reports what it saw. */
interface Observed {
  addresses: string[];
  proxyAnswer: ProxyAnswer | null;
  tls: TlsOutcome | null;
  answer: PingAnswer | null;
}

/** One check along one route: DNS, TCP, CONNECT (when proxied), TLS with the chain, GET ping; one verdict. */
export async function runCheck(options: ProbeOptions, route: PlannedRoute, trust: TrustStore, log: PhaseLog): Promise<CheckResult> {
  const proxy = route.proxy;
  const started = nowMs();
  const url = options.target;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 443);
  const deadline = new Deadline(options.timeoutMs);
  const recorder = new PhaseRecorder(log);
  const sockets: Socket[] = [];
  const track = (socket: Socket): void => void sockets.push(socket);
  // Outermost first: tearing a raw socket out from under a live TLSSocket crashes Node 24 at exit.
  const abort = (): void => sockets.toReversed().forEach((socket) => socket.destroy());
  const seen: Observed = { addresses: [], proxyAnswer: null, tls: null, answer: null };

  let detail: string;
  let failure: ProbeFailure | null = null;
  try {
    let socket: Socket;
    if (proxy) {
      const onAnswer = (answer: ProxyAnswer): void => void (seen.proxyAnswer = answer);
      const tunnel = await openTunnel({ proxy, targetHost: host, targetPort: port, resolve: options.resolve, deadline, recorder, track, abort, onAnswer });
      ({ socket } = tunnel);
      seen.addresses = tunnel.proxyAddresses;
    } else {
      seen.addresses = await recorder.time('dns', () => deadline.race('dns', resolveHost(host, port, options.resolve), abort), (a) => a.join(', '));
      ({ socket } = await recorder.time('tcp', () => deadline.race('tcp', connectTcp(seen.addresses, port, 'target', track), abort), (t) => `connected to ${t.address}:${port}`));
    }
    const tls = await recorder.time('tls', async () => {
      seen.tls = await deadline.race('tls', handshake(socket, host, trust), abort);
      track(seen.tls.socket);
      judgeChain(host, seen.tls, trust);
      return seen.tls;
    }, (t) => `${t.protocol ?? 'TLS'}, chain ${describeChain(t.chain, trust).map((c) => c.subject).join(' > ')}`);
    seen.answer = await recorder.time('http', () => deadline.race('http', ping(tls.socket, url), abort), (a) => `HTTP ${a.status}`);
    detail = judgePing(seen.answer, host);
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
    host,
    port,
    verdict,
    passed: verdict === 'Pass',
    detail,
    remediation: remediationFor(verdict, { host, port, proxy: proxy?.display ?? null, facts: failure?.facts ?? {} }),
    httpStatus: seen.answer?.status ?? null,
    responseBody: seen.answer ? seen.answer.body.slice(0, 200) : null,
    proxy: proxy?.display ?? null,
    failedPhase,
    addresses: seen.addresses,
    phases: recorder.phases,
    proxyAnswer: seen.proxyAnswer,
    certificateChain: seen.tls ? describeChain(seen.tls.chain, trust) : [],
    tlsProtocol: seen.tls?.protocol ?? null,
    totalMs: round(nowMs() - started),
    routeSource: route.source,
    routeAccounts: route.accounts,
    routeReason: route.reason,
  };
}
