// Known answers from MS-NLMP §4.2.4 (NTLMv2 Authentication) for the messages we build.
// Inputs (§4.2.1): user "User", domain "Domain", password "Password", workstation
// "COMPUTER", server challenge 0123456789abcdef, client challenge aa×8, time 0.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticateMessage, computeNtlmV2, negotiateMessage, ntowfV2, parseChallenge, NTLM_FLAGS } from '../../src/probe/ntlm.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** §4.2.4.3 CHALLENGE_MESSAGE: target name "Server", AV pairs NbDomainName "Domain", NbComputerName "Server". */
const SPEC_CHALLENGE = hex(`
  4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000
  24002400 44000000 060070170000000f 530065007200760065007200
  02000c00 44006f006d00610069006e00 01000c00 530065007200760065007200 00000000`);

const SPEC = {
  credentials: { user: 'User', domain: 'Domain', password: 'Password', workstation: 'COMPUTER' },
  entropy: { clientChallenge: hex('aaaaaaaaaaaaaaaa'), now: 0n },
  // §4.2.4.1.1 NTOWFv2 / ResponseKeyNT
  responseKeyNt: '0c868a403bfd7a93a3001ef22ef02e3f',
  // §4.2.4.1.2 SessionBaseKey
  sessionBaseKey: '8de40ccadbc14a82f15cb0ad0de95ca3',
  // §4.2.4.2.1 LMv2 response
  lmv2: '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa',
  // §4.2.4.2.2 NTLMv2 response: NTProofStr, then temp (§4.2.4.1.3)
  ntProofStr: '68cd0ab851e51c96aabc927bebef6a1c',
  temp: '0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000'
    + '02000c00 44006f006d00610069006e00 01000c00 530065007200760065007200 00000000 00000000',
};

/** Independent reader of one security buffer (len, maxlen, offset) of a message. */
function field(message: Buffer, at: number): Buffer {
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  expect(offset + length).toBeLessThanOrEqual(message.length);
  return message.subarray(offset, offset + length);
}

function specChallenge(): Buffer {
  // Built field by field from §4.2.4.3 rather than trusting one long hex string.
  const targetName = Buffer.from('Server', 'utf16le');
  const info = Buffer.concat([
    hex('0200 0c00'), Buffer.from('Domain', 'utf16le'),
    hex('0100 0c00'), Buffer.from('Server', 'utf16le'),
    hex('0000 0000'),
  ]);
  const header = Buffer.alloc(56);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(12, 12); header.writeUInt16LE(12, 14); header.writeUInt32LE(0x38, 16);
  header.writeUInt32LE(0xe28a8233, 20);
  hex('0123456789abcdef').copy(header, 24);
  header.writeUInt16LE(0x24, 40); header.writeUInt16LE(0x24, 42); header.writeUInt32LE(0x44, 44);
  hex('060070170000000f').copy(header, 48);
  return Buffer.concat([header, targetName, info]);
}

describe('NTLMv2 known answers (MS-NLMP §4.2.4)', () => {
  it('the challenge built from the spec\'s fields is the spec\'s byte string', () => {
    // Guards the test data itself: both spellings of §4.2.4.3 must agree.
    expect(specChallenge().toString('hex')).toBe(SPEC_CHALLENGE.toString('hex'));
  });

  it('NTOWFv2 is the spec\'s ResponseKeyNT', () => {
    expect(ntowfV2('Password', 'User', 'Domain').toString('hex')).toBe(SPEC.responseKeyNt);
  });

  it('NTProofStr, the NTLMv2 response, the LMv2 response and the session base key match', () => {
    const challenge = parseChallenge(specChallenge());
    expect(challenge.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    const response = computeNtlmV2(challenge, SPEC.credentials, SPEC.entropy);
    expect(response.ntProofStr.toString('hex')).toBe(SPEC.ntProofStr);
    expect(response.ntChallengeResponse.toString('hex')).toBe(SPEC.ntProofStr + hex(SPEC.temp).toString('hex'));
    expect(response.lmChallengeResponse.toString('hex')).toBe(SPEC.lmv2);
    expect(response.sessionBaseKey.toString('hex')).toBe(SPEC.sessionBaseKey);
  });

  it('the AUTHENTICATE_MESSAGE carries those responses and the names in UTF-16LE', () => {
    const message = authenticateMessage(parseChallenge(specChallenge()), SPEC.credentials, SPEC.entropy);
    expect(message.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(message.readUInt32LE(8)).toBe(3);
    expect(field(message, 12).toString('hex')).toBe(SPEC.lmv2);
    expect(field(message, 20).toString('hex')).toBe(SPEC.ntProofStr + hex(SPEC.temp).toString('hex'));
    expect(field(message, 28).toString('utf16le')).toBe('Domain');
    expect(field(message, 36).toString('utf16le')).toBe('User');
    expect(field(message, 44).toString('utf16le')).toBe('COMPUTER');
    expect(field(message, 52).length).toBe(0);
    const flags = message.readUInt32LE(60);
    expect(flags & NTLM_FLAGS.UNICODE).toBe(NTLM_FLAGS.UNICODE);
    expect(flags & NTLM_FLAGS.EXTENDED_SESSIONSECURITY).toBe(NTLM_FLAGS.EXTENDED_SESSIONSECURITY);
    expect(flags & NTLM_FLAGS.OEM).toBe(0);
  });

  it('a wrong password changes the proof (the value a verifier compares)', () => {
    const challenge = parseChallenge(specChallenge());
    const wrong = computeNtlmV2(challenge, { ...SPEC.credentials, password: 'password' }, SPEC.entropy);
    expect(wrong.ntProofStr.toString('hex')).not.toBe(SPEC.ntProofStr);
  });
});

describe('NTLMv2 inputs taken from the world', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws a fresh 8-byte client challenge per message, never from Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const challenge = parseChallenge(specChallenge());
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const nt = field(authenticateMessage(challenge, SPEC.credentials), 20);
      seen.add(nt.subarray(16 + 16, 16 + 24).toString('hex'));
    }
    expect(seen.size).toBe(64);
    expect(random).not.toHaveBeenCalled();
  });

  it('uses the server\'s MsvAvTimestamp when the challenge has one, and then an empty LMv2 response', () => {
    const stamp = hex('0102030405060708');
    const info = Buffer.concat([hex('0700 0800'), stamp, hex('0000 0000')]);
    const message = Buffer.concat([specChallenge().subarray(0, 48), Buffer.alloc(8)]);
    message.writeUInt16LE(0, 12); // no target name
    message.writeUInt16LE(info.length, 40); message.writeUInt16LE(info.length, 42); message.writeUInt32LE(56, 44);
    const response = computeNtlmV2(parseChallenge(Buffer.concat([message, info])), SPEC.credentials, SPEC.entropy);
    expect(response.ntChallengeResponse.subarray(16 + 8, 16 + 16)).toEqual(stamp);
    expect(response.lmChallengeResponse).toEqual(Buffer.alloc(24));
  });

  it('stamps the current time (FILETIME) when the server sends none', () => {
    const before = BigInt(Date.now()) * 10_000n + 116_444_736_000_000_000n;
    const response = computeNtlmV2(parseChallenge(specChallenge()), SPEC.credentials);
    const after = BigInt(Date.now()) * 10_000n + 116_444_736_000_000_000n;
    const stamped = response.ntChallengeResponse.readBigUInt64LE(16 + 8);
    expect(stamped >= before && stamped <= after).toBe(true);
  });

  it('negotiates NTLM with extended session security and both encodings, naming no domain or host', () => {
    const message = negotiateMessage();
    expect(message.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(message.readUInt32LE(8)).toBe(1);
    const flags = message.readUInt32LE(12);
    for (const flag of [NTLM_FLAGS.NTLM, NTLM_FLAGS.UNICODE, NTLM_FLAGS.OEM, NTLM_FLAGS.EXTENDED_SESSIONSECURITY, NTLM_FLAGS.REQUEST_TARGET]) {
      expect(flags & flag).toBe(flag);
    }
    expect(message.readUInt16LE(16)).toBe(0);
    expect(message.readUInt16LE(24)).toBe(0);
  });
});
