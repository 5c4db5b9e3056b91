import type { Socket } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { TrustStore } from '../trust/trust-store.js';
import { ProbeFailure } from '../verdict/failure.js';
import { errorCode } from './socket-reader.js';

export interface TlsOutcome {
  socket: TLSSocket;
  /** Leaf first, as presented and completed from the trust store. */
  chain: X509Certificate[];
  authorizationError: string | null;
  protocol: string | null;
}

const MAX_CHAIN = 10;

/** TLS with SNI over an open socket; verification is judged afterwards so the whole chain can be reported. */
export function handshake(socket: Socket, host: string, trust: TrustStore): Promise<TlsOutcome> {
  return new Promise((resolve, reject) => {
    let presented: DetailedPeerCertificate | undefined;
    const tlsSocket = connect({
      socket,
      servername: isIP(host) ? undefined : host,
      secureContext: trust.context,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      // When the chain verifies, Node builds the whole presented chain as objects to check the name
      // against it. judgeChain checks the name itself (from the leaf), so that chain is kept here
      // instead of being built a second time.
      checkServerIdentity: (_name, cert) => {
        presented = cert as DetailedPeerCertificate;
        return undefined;
      },
    });
    const fail = (error: Error): void => {
      tlsSocket.destroy();
      reject(new ProbeFailure('TlsHandshakeFailed', 'tls', `The TLS handshake with ${host} failed (${describe(error)}).`, {
        reason: describe(error),
      }));
    };
    tlsSocket.once('error', fail);
    tlsSocket.once('close', () => fail(new Error('the peer closed the connection during the handshake')));
    tlsSocket.once('secureConnect', () => {
      tlsSocket.removeAllListeners('error');
      tlsSocket.removeAllListeners('close');
      const error = tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : null;
      resolve({
        socket: tlsSocket,
        chain: peerChain(tlsSocket, trust, presented, error),
        authorizationError: error,
        protocol: tlsSocket.getProtocol(),
      });
    });
  });
}

/**
 * Chains already captured in this run, by trust store, leaf and verification outcome: the MDE matrix
 * meets the same server chain on every route, and parsing the chain again for each probe was a large
 * part of its CPU. A chain that verified differently is never reused, so a server that sometimes omits
 * its intermediate is reported as it answered each time.
 */
const captured = new WeakMap<TrustStore, Map<string, X509Certificate[]>>();
const MAX_CAPTURED = 256;

/** The chain as presented, completed from the trust store (the root a server leaves out); leaf first. */
function peerChain(socket: TLSSocket, trust: TrustStore, presented: DetailedPeerCertificate | undefined, verifyError: string | null): X509Certificate[] {
  // Node builds it only when the chain verified; otherwise it is built here, the same way.
  const detailed = presented ?? socket.getPeerCertificate(true);
  if (!detailed?.raw) return [];
  const key = `${detailed.fingerprint256} ${verifyError ?? ''}`;
  const known = captured.get(trust) ?? captured.set(trust, new Map()).get(trust)!;
  const hit = known.get(key);
  if (hit) return hit;
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = detailed; cert?.raw && chain.length < MAX_CHAIN && !seen.has(cert.fingerprint256); cert = cert.issuerCertificate) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
  }
  if (known.size < MAX_CAPTURED) known.set(key, chain);
  return chain;
}

function describe(error: Error): string {
  const code = errorCode(error);
  return code === error.message ? code : `${code}: ${error.message}`;
}
