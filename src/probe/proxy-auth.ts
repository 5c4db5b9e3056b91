import { hostname } from 'node:os';
import { createType1Message, createType3Message, decodeType2Message } from '@ewsjs/ntlm-client';

export type AuthScheme = 'Basic' | 'NTLM';

/** The schemes we can answer, strongest first (the order Windows clients prefer). */
const SUPPORTED: readonly AuthScheme[] = ['NTLM', 'Basic'];

export function chooseScheme(offered: string[]): AuthScheme | null {
  const lower = offered.map((scheme) => scheme.toLowerCase());
  return SUPPORTED.find((scheme) => lower.includes(scheme.toLowerCase())) ?? null;
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

interface NtlmIdentity {
  domain: string;
  user: string;
}

/** 'CONTOSO\svc' and 'svc@contoso.com' as Windows reads them. */
export function splitAccount(account: string): NtlmIdentity {
  const slash = account.indexOf('\\');
  if (slash >= 0) return { domain: account.slice(0, slash), user: account.slice(slash + 1) };
  return { domain: '', user: account };
}

export function ntlmNegotiate(account: string): string {
  return createType1Message(workstation(), splitAccount(account).domain);
}

/** Throws MalformedChallengeError (never with the password in it) when the challenge is unusable. */
export function ntlmAuthenticate(challenge: string, account: string, password: string): string {
  const { domain, user } = splitAccount(account);
  let type2;
  try {
    type2 = decodeType2Message(tolerantChallenge(challenge));
  } catch (error) {
    throw new MalformedChallengeError((error as Error).message);
  }
  return createType3Message(type2, user, password, workstation(), domain || undefined);
}

export class MalformedChallengeError extends Error {
  constructor(reason: string) {
    super(`the proxy's NTLM challenge is malformed (${reason})`);
    this.name = 'MalformedChallengeError';
  }
}

const SIGNATURE_AND_TYPE = 12;
const TARGET_INFO_FLAG = 0x00800000;
const NTLM2_KEY_FLAG = 0x00080000;
const CANONICAL_HEADER = 48;
const AV_EOL = Buffer.alloc(4);

/**
 * Rewrites a type 2 challenge into the shape the NTLM library handles well.
 * - Some proxies send a target-name or target-info buffer that points outside the
 *   message (Squid's ntlm_fake_auth leaves the offset uninitialised); curl ignores
 *   such fields, and so do we.
 * - We always answer NTLMv2, as Windows does by default (LmCompatibilityLevel 3+):
 *   the library computes NTLMv2 only with extended session security and a target-info
 *   list (an empty one is valid), and its NTLMv1 path is unusable (it hands DES a
 *   7-byte key).
 */
export function tolerantChallenge(challenge: string): string {
  const message = Buffer.from(challenge, 'base64');
  if (message.length < 32 || message.readUInt32LE(8) !== 2) return challenge;
  const field = (at: number): Buffer | null => {
    if (message.length < at + 8) return null;
    const length = message.readUInt16LE(at);
    const offset = message.readUInt32LE(at + 4);
    return offset >= 32 && offset + length <= message.length ? message.subarray(offset, offset + length) : null;
  };
  const flags = message.readUInt32LE(20);
  const targetName = field(12) ?? Buffer.alloc(0);
  const targetInfo = (flags & TARGET_INFO_FLAG ? field(40) : null) ?? AV_EOL;
  const out = Buffer.alloc(CANONICAL_HEADER + targetName.length + targetInfo.length);
  message.copy(out, 0, 0, SIGNATURE_AND_TYPE);
  writeField(out, 12, targetName.length, CANONICAL_HEADER);
  out.writeUInt32LE((flags | TARGET_INFO_FLAG | NTLM2_KEY_FLAG) >>> 0, 20);
  message.copy(out, 24, 24, 32);
  if (message.length >= 40) message.copy(out, 32, 32, 40);
  writeField(out, 40, targetInfo.length, CANONICAL_HEADER + targetName.length);
  targetName.copy(out, CANONICAL_HEADER);
  targetInfo.copy(out, CANONICAL_HEADER + targetName.length);
  return out.toString('base64');
}

function writeField(out: Buffer, at: number, length: number, offset: number): void {
  out.writeUInt16LE(length, at);
  out.writeUInt16LE(length, at + 2);
  out.writeUInt32LE(offset, at + 4);
}

function workstation(): string {
  return hostname().split('.')[0]!.toUpperCase();
}
