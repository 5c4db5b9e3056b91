import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { decodePacText, fetchPac, locatePac } from '../../../src/pac/fetch-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';

const PAC = 'function FindProxyForURL(u, h) { return "DIRECT"; }\n';
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mdi-pac-'));
  await writeFile(join(dir, 'proxy.pac'), PAC);
  await writeFile(join(dir, 'big.pac'), 'x'.repeat(2048));
  await writeFile(join(dir, 'exact.pac'), 'y'.repeat(1024));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fetchError(input: string, options = {}): Promise<PacError> {
  const err = await fetchPac(input, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PacError);
  expect((err as PacError).code).toBe(ErrorCode.PacFetch);
  return err as PacError;
}

describe('locatePac', () => {
  it.each([
    ['C:\\ProgramData\\proxy.pac', 'file'],
    ['c:/pac/proxy.pac', 'file'],
    ['\\\\fileserver\\share\\proxy.pac', 'file'],
    ['/etc/proxy.pac', 'file'],
    ['proxy.pac', 'file'],
    ['http://wpad.contoso.com/wpad.dat', 'http'],
    ['HTTPS://pac.contoso.com/proxy.pac', 'http'],
  ])('%s is a %s location', (input, kind) => {
    expect(locatePac(input).kind).toBe(kind);
  });

  it('keeps a Windows path as given (not a URL with scheme "c:")', () => {
    expect(locatePac('C:\\pac\\proxy.pac')).toEqual({ kind: 'file', path: 'C:\\pac\\proxy.pac' });
  });

  it('refuses other schemes', () => {
    expect(() => locatePac('ftp://pac.contoso.com/proxy.pac')).toThrow(/only http/);
  });
});

describe('fetchPac from files', () => {
  it('reads a plain path and a file:// URL', async () => {
    const path = join(dir, 'proxy.pac');
    for (const input of [path, pathToFileURL(path).href]) {
      const pac = await fetchPac(input);
      expect(pac).toMatchObject({ url: input, script: PAC, bytes: PAC.length, source: 'file', status: null, contentType: null });
      expect(pac.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('accepts exactly maxBytes and refuses one byte more', async () => {
    expect((await fetchPac(join(dir, 'exact.pac'), { maxBytes: 1024 })).bytes).toBe(1024);
    expect((await fetchError(join(dir, 'big.pac'), { maxBytes: 1024 })).message).toMatch(/larger than the 1024-byte limit/);
  });

  it('reports a missing file or a directory', async () => {
    expect((await fetchError(join(dir, 'absent.pac'))).message).toMatch(/ENOENT/);
    expect((await fetchError(dir)).message).toMatch(/EISDIR|Cannot read/);
  });
});

describe('decodePacText', () => {
  it.each([
    ['UTF-8', Buffer.from('héllo'), 'héllo'],
    ['UTF-8 with BOM', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('hi')]), 'hi'],
    ['UTF-16LE with BOM', Buffer.from([0xff, 0xfe, ...Buffer.from('hi', 'utf16le')]), 'hi'],
    ['UTF-16BE with BOM', Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]), 'hi'],
  ])('%s', (_name, bytes, text) => {
    expect(decodePacText(bytes)).toBe(text);
  });
});
