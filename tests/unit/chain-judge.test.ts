import { X509Certificate } from 'node:crypto';
import { createSecureContext, rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { ProbeFailure } from '../../src/verdict/failure.js';
import type { TlsOutcome } from '../../src/probe/tls-handshake.js';
import type { TrustStore } from '../../src/trust/trust-store.js';
import { judgeChain } from '../../src/verdict/chain.js';

// The real DigiCert Global Root G2, as Node ships it: a chain Node anchors with its own roots.
const g2 = rootCertificates.map((pem) => new X509Certificate(pem)).find((cert) => cert.subject.includes('CN=DigiCert Global Root G2'))!;

function trust(machineHas: boolean): TrustStore {
  return {
    context: createSecureContext({}),
    extraRoots: new Map(),
    machineHasRoot: () => machineHas,
    machineIssuerOf: () => null,
    machineNamesakeOfIssuer: () => null,
  };
}

function verdictOf(outcome: Partial<TlsOutcome>, store: TrustStore): string {
  try {
    judgeChain('contososensorapi.atp.azure.com', { chain: [g2], authorizationError: null, protocol: 'TLSv1.3', socket: null as never, ...outcome }, store);
    return 'accepted';
  } catch (error) {
    return (error as ProbeFailure).verdict;
  }
}

describe('judgeChain and the machine store', () => {
  it('finds G2 in Node\'s own roots (the test needs it)', () => {
    expect(g2.fingerprint.replaceAll(':', '')).toBe('DF3C24F9BFD666761B268073FE06D1CC8D4F82A4');
  });

  it('calls a chain untrusted when Node knows its root but this machine does not (the AD CS case)', () => {
    expect(verdictOf({}, trust(false))).toBe('CertificateUntrusted');
  });

  it('moves on to the name check when the machine has the root', () => {
    // G2 itself does not cover the sensor name: proof the trust step let it through.
    expect(verdictOf({}, trust(true))).toBe('CertificateNameMismatch');
  });

  it('calls a chain untrusted when neither Node nor the machine can find the issuer', () => {
    expect(verdictOf({ authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', chain: [g2] }, trust(false))).toBe('CertificateUntrusted');
  });
});
