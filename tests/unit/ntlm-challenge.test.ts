import { describe, expect, it } from 'vitest';
import { parseChallenge } from '../../src/probe/ntlm.js';
import { ntlmAuthenticate } from '../../src/probe/proxy-auth.js';

// Captured from Squid 5.7's ntlm_fake_auth: the target-name offset is 0xaaaaaaae (uninitialised).
const SQUID_FAKE = Buffer.from('4e544c4d535350000200000009000900aeaaaaaa06820800a094fa46de2ab6150000000000003a00574f524b47524f5550', 'hex');

/** A well-formed challenge with target name "CONTOSO" and a target-info list holding one AV pair. */
function wellFormed(): Buffer {
  const name = Buffer.from('CONTOSO', 'utf16le');
  const info = Buffer.concat([Buffer.from([2, 0, name.length, 0]), name, Buffer.alloc(4)]);
  const out = Buffer.alloc(48 + name.length + info.length);
  out.write('NTLMSSP\0', 0, 'latin1');
  out.writeUInt32LE(2, 8);
  out.writeUInt16LE(name.length, 12); out.writeUInt16LE(name.length, 14); out.writeUInt32LE(48, 16);
  out.writeUInt32LE(0x00898205, 20);
  out.fill(7, 24, 32);
  out.writeUInt16LE(info.length, 40); out.writeUInt16LE(info.length, 42); out.writeUInt32LE(48 + name.length, 44);
  name.copy(out, 48);
  info.copy(out, 48 + name.length);
  return out;
}

describe('reading the NTLM challenge', () => {
  it('does not read the target name, so an uninitialised offset there is harmless', () => {
    const challenge = parseChallenge(SQUID_FAKE);
    expect(challenge.serverChallenge.toString('hex')).toBe('a094fa46de2ab615');
    expect(challenge.targetInfo).toEqual(Buffer.alloc(4)); // no TARGET_INFO flag: an empty AV list
  });

  it('keeps a well-formed challenge\'s server challenge and target info as sent', () => {
    const challenge = parseChallenge(wellFormed());
    expect(challenge.serverChallenge).toEqual(Buffer.alloc(8, 7));
    const name = Buffer.from('CONTOSO', 'utf16le');
    expect(challenge.targetInfo).toEqual(Buffer.concat([Buffer.from([2, 0, name.length, 0]), name, Buffer.alloc(4)]));
  });

  it('rejects a target info field that points past the message instead of guessing', () => {
    const broken = wellFormed();
    broken.writeUInt32LE(0x7fff, 44);
    expect(() => parseChallenge(broken)).toThrow(/target info field points past the end/);
  });

  it.each([
    ['empty', ''],
    ['short', Buffer.from('NTLMSSP\0').toString('base64')],
    ['type 1 instead of 2', Buffer.concat([Buffer.from('NTLMSSP\0'), Buffer.from([1, 0, 0, 0]), Buffer.alloc(28)]).toString('base64')],
  ])('fails a %s challenge with a typed error that holds no password', (_name, challenge) => {
    expect(() => ntlmAuthenticate(challenge, 'CONTOSO\\svc', 'Pa55-word')).toThrow(/NTLM challenge is malformed/);
    try {
      ntlmAuthenticate(challenge, 'CONTOSO\\svc', 'Pa55-word');
    } catch (error) {
      expect(String(error)).not.toContain('Pa55-word');
    }
  });

  it('survives every truncation of a real challenge (typed error or a token, never a crash)', () => {
    const full = wellFormed();
    for (let length = 0; length <= full.length; length++) {
      const b64 = full.subarray(0, length).toString('base64');
      let outcome: string;
      try {
        outcome = ntlmAuthenticate(b64, 'CONTOSO\\svc', 'x').slice(0, 17);
      } catch (error) {
        outcome = (error as Error).name;
      }
      expect(['NTLM TlRMTVNTUAAD', 'MalformedChallengeError'], `length ${length}`).toContain(outcome);
    }
  });
});
