// Reading SensorConfiguration.json: where it is, what it says about the proxy, the
// password certificate and the workspace endpoint. Only the members we need are
// parsed (each value span on its own); the rest of the file is never interpreted.

import { statSync } from 'node:fs';
import { readFileBounded } from '../io/bounded-read.js';
import { join, resolve } from 'node:path';
import type { SensorProxySettings, WorkspaceEndpoint } from '../contract/types.js';
import { PING_PATH } from '../endpoints/sensor-api.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { JsonScanError, scanDocument, type JsonMember, type ScannedDocument } from './json-scanner.js';
import { decodeJsonText, invalid, type JsonText } from './json-text.js';

export const FILE_NAME = 'SensorConfiguration.json';
export const PROXY_MEMBER = 'SensorProxyConfiguration';
const THUMBPRINT_MEMBER = 'SecretManagerConfigurationCertificateThumbprint';
const ENDPOINT_MEMBER = 'WorkspaceApplicationSensorApiWebClientConfigurationServiceEndpoint';
/** A real file is a few kilobytes; this bound only keeps a wrong path from eating memory. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface SensorConfigFile {
  path: string;
  doc: JsonText;
  scanned: ScannedDocument;
  /** The SensorProxyConfiguration member, when present (its value may be null). */
  proxyMember: JsonMember | null;
  proxy: SensorProxySettings | null;
  secretThumbprint: string | null;
  endpoint: WorkspaceEndpoint | null;
  sensorApiUrl: string | null;
}

/** `path` is the file, or a folder holding SensorConfiguration.json (the sensor's install folder). */
export function resolveConfigPath(path: string): string {
  const full = resolve(path);
  try {
    return statSync(full).isDirectory() ? join(full, FILE_NAME) : full;
  } catch {
    return full;
  }
}

export function readSensorConfig(path: string): SensorConfigFile {
  const full = resolveConfigPath(path);
  let bytes: Buffer;
  try {
    bytes = readFileBounded(full, MAX_BYTES, 'sensor configuration');
  } catch (error) {
    if (error instanceof MdiInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new MdiInputError(ErrorCode.SensorConfigNotFound,
        `No ${FILE_NAME} at '${full}'. On the sensor it is in the install folder (C:\\Program Files\\Azure Advanced Threat Protection Sensor\\<version>\\); elsewhere give the path of a copy.`);
    }
    throw new MdiInputError(ErrorCode.SensorConfigUnreadable, `Cannot read '${full}' (${code})${code === 'EACCES' || code === 'EPERM' ? ': run elevated' : ''}.`);
  }
  return interpret(full, bytes);
}

/** Scans and interprets bytes already read (also used to verify what a write produced). */
export function interpret(path: string, bytes: Buffer): SensorConfigFile {
  const doc = decodeJsonText(bytes, path);
  let scanned: ScannedDocument;
  try {
    scanned = scanDocument(doc.text);
  } catch (error) {
    if (error instanceof JsonScanError) throw invalid(path, `is not valid JSON: ${error.message}`);
    throw error;
  }
  const proxyMember = single(scanned, PROXY_MEMBER, path);
  const thumbprint = valueOf(doc, single(scanned, THUMBPRINT_MEMBER, path));
  const endpoint = endpointFrom(valueOf(doc, single(scanned, ENDPOINT_MEMBER, path)), path);
  return {
    path,
    doc,
    scanned,
    proxyMember,
    proxy: proxyFrom(valueOf(doc, proxyMember), path),
    secretThumbprint: typeof thumbprint === 'string' && thumbprint.trim() ? normalizeThumbprint(thumbprint) : null,
    endpoint,
    sensorApiUrl: endpoint ? sensorApiUrlFor(endpoint) : null,
  };
}

export function normalizeThumbprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

export function sensorApiUrlFor(endpoint: WorkspaceEndpoint): string {
  const host = endpoint.address.includes(':') && !endpoint.address.startsWith('[') ? `[${endpoint.address}]` : endpoint.address;
  return `https://${host}:${endpoint.port}${PING_PATH}`;
}

/**
 * Newtonsoft matches member names without regard to case, so "sensorProxyConfiguration"
 * is the same setting to the sensor; two of them would leave it to the reader which one
 * wins, so we refuse to guess (and to edit).
 */
function single(doc: ScannedDocument, name: string, path: string): JsonMember | null {
  const found = doc.members.filter((member) => member.name.toLowerCase() === name.toLowerCase());
  if (found.length > 1) throw invalid(path, `has ${found.length} '${name}' members; keep one`);
  return found[0] ?? null;
}

function valueOf(doc: JsonText, member: JsonMember | null): unknown {
  return member ? (JSON.parse(doc.text.slice(member.valueStart, member.valueEnd)) as unknown) : undefined;
}

function proxyFrom(value: unknown, path: string): SensorProxySettings | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(path, `has a ${PROXY_MEMBER} that is not an object`);
  const block = value as Record<string, unknown>;
  const password = block.EncryptedUserPasswordData;
  const encrypted = password && typeof password === 'object' ? (password as Record<string, unknown>) : {};
  const url = text(block.Url);
  const userName = text(block.UserName);
  const version = encrypted.SecretVersion;
  return {
    isProxyEnabled: Boolean(url),
    isAuthenticationProxyEnabled: Boolean(userName),
    url,
    userName,
    encryptedUserPasswordData: text(encrypted.EncryptedBytes),
    certificateThumbprint: text(encrypted.CertificateThumbprint),
    secretVersion: typeof version === 'string' || typeof version === 'number' ? version : null,
  };
}

function endpointFrom(value: unknown, path: string): WorkspaceEndpoint | null {
  if (value === undefined || value === null) return null;
  const block = value as Record<string, unknown>;
  const address = text(block?.Address);
  const port = typeof block?.Port === 'string' ? Number(block.Port) : block?.Port;
  if (!address || typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(path, `has a ${ENDPOINT_MEMBER} without a usable Address and Port`);
  }
  return { address, port };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
