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
        chain: peerChain(tlsSocket),
        authorized: tlsSocket.authorized,
        authorizationError: error ? String(error) : null,
        protocol: tlsSocket.getProtocol(),
      });
    });
  });
}

function peerChain(socket: TLSSocket): X509Certificate[] {
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
