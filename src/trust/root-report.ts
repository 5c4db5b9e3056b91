import { X509Certificate } from 'node:crypto';
import { getCACertificates } from 'node:tls';
import type { Cloud, RootCertificateReport, RootCertificateStatus, RootStoreInput } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { KNOWN_ROOTS, type KnownRoot } from './known-cas.js';
import { systemRootStore } from './system-roots.js';
import { machineRootPems, thumbprint } from './trust-store.js';

// FACTS §3: the root each cloud's sensor API chain ends at, looked up by thumbprint in the
// store the sensor's machine really uses. A missing root is the documented "The sensor failed to
// connect to service" (FACTS §4); AD CS servers get no automatic root updates and often lack it.

export const WINDOWS_ROOT_STORE = 'Cert:\\LocalMachine\\Root';
export const NODE_SYSTEM_STORE = "Node's reading of the operating system store";

const REQUIRED: Record<Cloud, { root: string; requiredFor: string; clouds: string }> = {
  Commercial: { root: 'DigiCert Global Root G2', requiredFor: 'Commercial and GCC (required)', clouds: 'Commercial' },
  GCC: { root: 'DigiCert Global Root G2', requiredFor: 'Commercial and GCC (required)', clouds: 'GCC' },
  GCCHigh: { root: 'DigiCert Global Root CA', requiredFor: 'GCC High and DoD (required)', clouds: 'GCC High' },
  DoD: { root: 'DigiCert Global Root CA', requiredFor: 'GCC High and DoD (required)', clouds: 'DoD' },
};

/** Other roots Azure chains may end at: reported, never part of `passed`. */
const INFORMATIONAL = ['Microsoft RSA Root Certificate Authority 2017', 'Microsoft ECC Root Certificate Authority 2017', 'DigiCert Global Root G3'];
const INFORMATIONAL_TEXT = 'Azure (informational; does not affect Passed)';

/** Where DigiCert publishes the required roots (the same host the revocation allowlist names). */
const DOWNLOAD: Record<string, string> = {
  'DigiCert Global Root G2': 'https://cacerts.digicert.com/DigiCertGlobalRootG2.crt',
  'DigiCert Global Root CA': 'https://cacerts.digicert.com/DigiCertGlobalRootCA.crt',
};

// A block never spans another BEGIN line, so an unclosed block is found, not swallowed.
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----(?:(?!-----BEGIN )[\s\S])*?-----END CERTIFICATE-----/g;
const PEM_BEGIN = /-----BEGIN CERTIFICATE-----/g;

/** What was found for one thumbprint: nothing, present without dates (Windows list), or the certificate. */
type Found = { certificate: X509Certificate | null } | undefined;

interface RootStore {
  kind: 'windows' | 'bundle' | 'machine';
  label: string;
  lookup(thumbprint: string): Found;
}

export interface RootReportOptions {
  /** The moment "expired" is judged at; default now. */
  now?: Date;
}

/** The roots this cloud requires (and the other Azure roots, for information) in the machine's store. */
export function rootCertificateReport(cloud: Cloud, input: RootStoreInput, options: RootReportOptions = {}): RootCertificateReport {
  const now = options.now ?? new Date();
  const store = openStore(input);
  const required = REQUIRED[cloud];
  const status = (root: KnownRoot, requiredFor: string): RootCertificateStatus => {
    const found = store.lookup(root.sha1);
    const notAfter = found?.certificate ? new Date(found.certificate.validTo) : null;
    return {
      name: root.name,
      thumbprint: root.sha1,
      requiredFor,
      present: found !== undefined,
      notAfter: notAfter ? notAfter.toISOString() : null,
      expired: notAfter ? notAfter.getTime() < now.getTime() : null,
    };
  };
  const main = status(knownRoot(required.root), required.requiredFor);
  const roots = [main, ...INFORMATIONAL.map((name) => status(knownRoot(name), INFORMATIONAL_TEXT))];
  const passed = main.present && main.expired !== true;
  return { store: store.label, roots, passed, detail: detailFor(main, store, required.clouds), remediation: remediationFor(main, store, passed) };
}

function detailFor(root: RootCertificateStatus, store: RootStore, clouds: string): string {
  const named = `${root.name} (${root.thumbprint})`;
  if (!root.present) {
    const who = store.kind === 'windows' ? 'the sensor' : 'a sensor relying on this store';
    return `${named}, the root the ${clouds} sensor API certificate chains to, is not in ${store.label}: ${who} fails with "The sensor failed to connect to service".`;
  }
  const until = root.notAfter ? root.notAfter.slice(0, 10) : null;
  if (root.expired) return `${named} is in ${store.label} but expired on ${until}: the sensor cannot validate the ${clouds} service's certificate.`;
  return `${named}, the root the ${clouds} sensor API certificate chains to, is in ${store.label}${until ? `, valid until ${until}` : ''}.`;
}

function remediationFor(root: RootCertificateStatus, store: RootStore, passed: boolean): string {
  if (passed) return 'None needed.';
  const download = DOWNLOAD[root.name] ?? 'https://cacerts.digicert.com/';
  if (root.expired) {
    return `Check this machine's clock (the certificate is valid until ${root.notAfter?.slice(0, 10)}), then replace it with the current one from ${download}.`;
  }
  const automatic = 'AD CS servers get no automatic root updates; other servers fetch it themselves once http://ctldl.windowsupdate.com is open on port 80';
  if (store.kind === 'windows') return `Install ${root.name} (${download}) into ${WINDOWS_ROOT_STORE}: ${automatic}.`;
  return `Add ${root.name} (${download}) to ${store.label}; on the domain controller it must be in ${WINDOWS_ROOT_STORE} (${automatic}).`;
}

function knownRoot(name: string): KnownRoot {
  const root = KNOWN_ROOTS.find((candidate) => candidate.name === name);
  if (!root) throw new Error(`known-cas.ts has no root named '${name}'`);
  return root;
}

/** "df 3c 24 …", "DF:3C:…", a thumbprint pasted from certlm.msc with its invisible mark: all the same. */
export function normalizeThumbprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

function openStore(input: RootStoreInput): RootStore {
  if (input.rootStoreThumbprints !== undefined) {
    const present = new Set(input.rootStoreThumbprints.map(normalizeThumbprint));
    return { kind: 'windows', label: WINDOWS_ROOT_STORE, lookup: (print) => (present.has(print) ? { certificate: null } : undefined) };
  }
  if (input.rootStorePem !== undefined) {
    const label = input.rootStoreLabel?.trim() || 'the given CA bundle';
    const certificates = new Map(parseBundle(input.rootStorePem, label).map((cert) => [thumbprint(cert), cert]));
    return { kind: 'bundle', label, lookup: (print) => lookupIn(certificates, print) };
  }
  return machineStore();
}

/** Every certificate of a PEM bundle the caller gave, or a typed error naming the block that is wrong. */
function parseBundle(text: string, label: string): X509Certificate[] {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  const begins = [...text.matchAll(PEM_BEGIN)];
  if (blocks.length === 0) {
    throw new MdiInputError(
      ErrorCode.RootStoreInvalid,
      `${label} holds no PEM certificate (no -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE----- block): give a PEM CA bundle such as /etc/ssl/certs/ca-certificates.crt.`,
    );
  }
  if (begins.length !== blocks.length) {
    const unclosed = begins.find((begin) => !blocks.some((block) => block.index === begin.index))!;
    throw new MdiInputError(ErrorCode.RootStoreInvalid, `${label}: the certificate at line ${lineOf(text, unclosed.index)} has no -----END CERTIFICATE----- line.`);
  }
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block[0]);
    } catch (error) {
      throw new MdiInputError(
        ErrorCode.RootStoreInvalid,
        `${label}: certificate ${i + 1} of ${blocks.length} (line ${lineOf(text, block.index)}) cannot be read (${(error as Error).message}).`,
      );
    }
  });
}

/**
 * The store the engine's own machine uses, as the trust store reads it (the distribution bundle on
 * Linux, Node's reading of the OS store elsewhere, plus NODE_EXTRA_CA_CERTS). A certificate is
 * parsed only when its thumbprint is asked for.
 */
function machineStore(): RootStore {
  const pems = machineRootPems();
  const extra = getCACertificates('extra').length > 0;
  const label = `${systemRootStore().path ?? NODE_SYSTEM_STORE}${extra ? ' (and NODE_EXTRA_CA_CERTS)' : ''}`;
  return {
    kind: 'machine',
    label,
    lookup: (print) => {
      const pem = pems.get(print);
      if (pem === undefined) return undefined;
      try {
        return { certificate: new X509Certificate(pem) };
      } catch {
        return { certificate: null };
      }
    },
  };
}

function lookupIn(certificates: Map<string, X509Certificate>, print: string): Found {
  const certificate = certificates.get(print);
  return certificate ? { certificate } : undefined;
}

function lineOf(text: string, index: number | undefined): number {
  return text.slice(0, index ?? 0).split('\n').length;
}
