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
  authorized: boolean;
  authorizationError: string | null;
  protocol: string | null;
}

const MAX_CHAIN = 10;

/** TLS with SNI over an open socket; verification is judged afterwards so the whole chain can be reported. */
export function handshake(socket: Socket, host: string, trust: TrustStore): Promise<TlsOutcome> {
  return new Promise((resolve, reject) => {
    const tlsSocket = connect({
      socket,
      servername: isIP(host) ? undefined : host,
      secureContext: trust.context,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
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
      const error = tlsSocket.authorizationError;
      resolve({
        socket: tlsSocket,
        chain: peerChain(tlsSocket, trust),
        authorized: tlsSocket.authorized,
        authorizationError: error ? String(error) : null,
        protocol: tlsSocket.getProtocol(),
      });
    });
  });
}

/**
 * Chains already captured in this run, by trust store, leaf and verification outcome: the MDE matrix
 * meets the same server chain on every route, and building the completed chain (getPeerCertificate(true)
 * turns every certificate into an object, and each is then parsed again) was a third of its CPU. The
 * leaf alone is one such object. A chain that verified differently is never reused, so a server that
 * sometimes omits its intermediate is reported as it answered each time. (getPeerX509Certificate would
 * be cheaper still, but after it Node's getPeerCertificate returns nothing, and only the latter
 * completes the chain from the trust store.)
 */
const captured = new WeakMap<TrustStore, Map<string, X509Certificate[]>>();
const MAX_CAPTURED = 256;

function peerChain(socket: TLSSocket, trust: TrustStore): X509Certificate[] {
  const leaf = socket.getPeerCertificate(false) as Partial<DetailedPeerCertificate> | undefined;
  if (!leaf?.fingerprint256) return completedChain(socket);
  const key = `${leaf.fingerprint256} ${String(socket.authorizationError ?? '')}`;
  const known = captured.get(trust) ?? captured.set(trust, new Map()).get(trust)!;
  const hit = known.get(key);
  if (hit) return hit;
  const chain = completedChain(socket);
  if (known.size < MAX_CAPTURED) known.set(key, chain);
  return chain;
}

/** The chain as sent, completed from the trust store by OpenSSL (the root a server leaves out). */
function completedChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && chain.length < MAX_CHAIN && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function describe(error: Error): string {
  const code = errorCode(error);
  return code === error.message ? code : `${code}: ${error.message}`;
}
