// NTLMv2 client messages (MS-NLMP), the three we need to authenticate to a proxy.
//
// Our own small module rather than an npm NTLM client: the ones on the registry
// draw the client challenge from Math.random, take no fixed time or challenge (so
// no known-answer test can reach them), and write into fixed-size buffers. This
// file does NTLMv2 only, which is what Windows sends at LmCompatibilityLevel 3 and
// above (the default since Vista); no NTLMv1, no signing or sealing (a proxy only
// checks the response). MD4, which OpenSSL 3 no longer offers, comes from js-md4.
import { createHmac, randomBytes } from 'node:crypto';
import md4 from 'js-md4';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
const CHALLENGE_HEADER = 32;
const AUTHENTICATE_HEADER = 64;

/** NegotiateFlags (MS-NLMP 2.2.2.5) we use. */
export const NTLM_FLAGS = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  NEGOTIATE_128: 0x20000000,
  NEGOTIATE_56: 0x80000000,
} as const;

const NEGOTIATE_FLAGS =
  (NTLM_FLAGS.UNICODE | NTLM_FLAGS.OEM | NTLM_FLAGS.REQUEST_TARGET | NTLM_FLAGS.NTLM | NTLM_FLAGS.ALWAYS_SIGN |
    NTLM_FLAGS.EXTENDED_SESSIONSECURITY | NTLM_FLAGS.NEGOTIATE_128 | NTLM_FLAGS.NEGOTIATE_56) >>> 0;

const AV_EOL = 0x0000;
const AV_TIMESTAMP = 0x0007;
/** 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

export class MalformedChallengeError extends Error {
  constructor(reason: string) {
    super(`the proxy's NTLM challenge is malformed (${reason})`);
    this.name = 'MalformedChallengeError';
  }
}

export interface NtlmChallenge {
  flags: number;
  serverChallenge: Buffer;
  /** The AV pairs as sent (ending with MsvAvEOL), or an empty list when the server sent none. */
  targetInfo: Buffer;
}

export interface NtlmCredentials {
  /** As typed: 'svc' or, in UPN form, 'svc@contoso.com' (then domain is ''). */
  user: string;
  domain: string;
  password: string;
  workstation: string;
}

/** Fixed inputs for known-answer tests; a real call leaves both to the defaults. */
export interface NtlmEntropy {
  /** 8 bytes; default crypto.randomBytes(8). */
  clientChallenge?: Buffer;
  /** FILETIME (100-ns since 1601) used when the challenge carries no MsvAvTimestamp; default now. */
  now?: bigint;
}

export interface NtlmV2Response {
  ntProofStr: Buffer;
  /** NTProofStr followed by the client's blob (MS-NLMP 2.2.2.8). */
  ntChallengeResponse: Buffer;
  lmChallengeResponse: Buffer;
  sessionBaseKey: Buffer;
}

/** NEGOTIATE_MESSAGE with no domain or workstation (modern Windows sends none either). */
export function negotiateMessage(): Buffer {
  const out = Buffer.alloc(32);
  SIGNATURE.copy(out, 0);
  out.writeUInt32LE(1, 8);
  out.writeUInt32LE(NEGOTIATE_FLAGS, 12);
  // Domain (16) and workstation (24) fields stay empty, pointing at the end.
  out.writeUInt32LE(32, 20);
  out.writeUInt32LE(32, 28);
  return out;
}

/** Reads a CHALLENGE_MESSAGE; throws MalformedChallengeError rather than guess at a broken one. */
export function parseChallenge(message: Buffer): NtlmChallenge {
  if (message.length < CHALLENGE_HEADER) throw new MalformedChallengeError(`${message.length} bytes, fewer than the ${CHALLENGE_HEADER} of a header`);
  if (!message.subarray(0, 8).equals(SIGNATURE)) throw new MalformedChallengeError('no NTLMSSP signature');
  const type = message.readUInt32LE(8);
  if (type !== 2) throw new MalformedChallengeError(`message type ${type}, expected 2`);
  const flags = message.readUInt32LE(20);
  const serverChallenge = Buffer.from(message.subarray(24, 32));
  let targetInfo = Buffer.alloc(4);
  // The target name is not read: the domain we answer with is the one the user gave.
  if (flags & NTLM_FLAGS.TARGET_INFO && message.length >= 48) {
    const info = securityBuffer(message, 40, 'target info');
    if (info.length > 0) targetInfo = Buffer.from(info);
  }
  return { flags, serverChallenge, targetInfo };
}

/** NTOWFv2 (MS-NLMP 3.3.2): HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) + domain)). */
export function ntowfV2(password: string, user: string, domain: string): Buffer {
  const ntHash = Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
  return hmacMd5(ntHash, Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** The NTLMv2 and LMv2 responses and the session base key (MS-NLMP 3.3.2). */
export function computeNtlmV2(challenge: NtlmChallenge, credentials: NtlmCredentials, entropy: NtlmEntropy = {}): NtlmV2Response {
  const clientChallenge = entropy.clientChallenge ?? randomBytes(8);
  if (clientChallenge.length !== 8) throw new RangeError('the client challenge is 8 bytes');
  const serverTime = avTimestamp(challenge.targetInfo);
  const time = serverTime ?? entropy.now ?? nowFiletime();
  const key = ntowfV2(credentials.password, credentials.user, credentials.domain);
  const temp = Buffer.alloc(28 + challenge.targetInfo.length + 4);
  temp.writeUInt8(1, 0); // RespType
  temp.writeUInt8(1, 1); // HiRespType
  temp.writeBigUInt64LE(time, 8);
  clientChallenge.copy(temp, 16);
  challenge.targetInfo.copy(temp, 28);
  const ntProofStr = hmacMd5(key, Buffer.concat([challenge.serverChallenge, temp]));
  // With a server timestamp the client sends an empty LMv2 response (MS-NLMP 3.1.5.1.2).
  const lmChallengeResponse = serverTime === null
    ? Buffer.concat([hmacMd5(key, Buffer.concat([challenge.serverChallenge, clientChallenge])), clientChallenge])
    : Buffer.alloc(24);
  return {
    ntProofStr,
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    lmChallengeResponse,
    sessionBaseKey: hmacMd5(key, ntProofStr),
  };
}

/** AUTHENTICATE_MESSAGE answering a challenge. No key exchange, no MIC: a proxy checks the response only. */
export function authenticateMessage(challenge: NtlmChallenge, credentials: NtlmCredentials, entropy: NtlmEntropy = {}): Buffer {
  const response = computeNtlmV2(challenge, credentials, entropy);
  const unicode = (challenge.flags & NTLM_FLAGS.UNICODE) !== 0;
  const text = (value: string): Buffer => Buffer.from(value, unicode ? 'utf16le' : 'latin1');
  const payload = [
    response.lmChallengeResponse,
    response.ntChallengeResponse,
    text(credentials.domain),
    text(credentials.user),
    text(credentials.workstation),
    Buffer.alloc(0), // EncryptedRandomSessionKey
  ];
  const header = Buffer.alloc(AUTHENTICATE_HEADER);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(3, 8);
  let offset = AUTHENTICATE_HEADER;
  payload.forEach((field, index) => {
    const at = 12 + index * 8;
    header.writeUInt16LE(field.length, at);
    header.writeUInt16LE(field.length, at + 2);
    header.writeUInt32LE(offset, at + 4);
    offset += field.length;
  });
  const keep = NEGOTIATE_FLAGS & ~(NTLM_FLAGS.UNICODE | NTLM_FLAGS.OEM);
  const flags = (challenge.flags & keep) | (unicode ? NTLM_FLAGS.UNICODE : NTLM_FLAGS.OEM);
  header.writeUInt32LE(flags >>> 0, 60);
  return Buffer.concat([header, ...payload]);
}

function securityBuffer(message: Buffer, at: number, name: string): Buffer {
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > message.length) {
    throw new MalformedChallengeError(`the ${name} field points past the end of the message`);
  }
  return message.subarray(offset, offset + length);
}

/** MsvAvTimestamp from the target info, if the server sent one. A truncated list ends the walk. */
function avTimestamp(targetInfo: Buffer): bigint | null {
  for (let at = 0; at + 4 <= targetInfo.length;) {
    const id = targetInfo.readUInt16LE(at);
    const length = targetInfo.readUInt16LE(at + 2);
    if (id === AV_EOL || at + 4 + length > targetInfo.length) return null;
    if (id === AV_TIMESTAMP && length === 8) return targetInfo.readBigUInt64LE(at + 4);
    at += 4 + length;
  }
  return null;
}

function nowFiletime(): bigint {
  return BigInt(Date.now()) * 10_000n + FILETIME_UNIX_EPOCH;
}

function hmacMd5(key: Buffer, data: Buffer): Buffer {
  return createHmac('md5', key).update(data).digest();
}
