import { describe, expect, it } from 'vitest';
import { decodeConnectionSettings, encodeConnectionSettings, newConnectionSettings } from '../../../src/codecs/connection-settings.js';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import {
  buildRegFile, findKey, getTypedValue, getValue, readRegFile, regBinary, regDword, regExpandSz, regMultiSz, regQword, regSz, writeRegFile,
} from '../../../src/codecs/reg-file.js';
import type { RegFile } from '../../../src/codecs/reg-file.js';
import { ErrorCode } from '../../../src/errors.js';
import { CONNECTION_GOLDENS } from './blob-fixtures.js';
import { V4_EXPECTED, V4_LINES, V5_EXPECTED, V5_LINES, WILD_LINES, latin1File, utf16File, utf8File } from './reg-fixtures.js';

const CONNECTIONS = 'HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';
const INTERNET = 'HKU\\s-1-5-18\\software\\microsoft\\windows\\currentversion\\internet settings';

describe('regedit exports', () => {
  it('reads a v5 (UTF-16LE + BOM) export into the expected structure and writes the same bytes', () => {
    const bytes = utf16File(V5_LINES);
    expect([...bytes.subarray(0, 6)]).toEqual([0xff, 0xfe, 0x57, 0x00, 0x69, 0x00]); // BOM, "Wi"
    const file = readRegFile(bytes);
    expect(file).toEqual(V5_EXPECTED);
    expect(writeRegFile(file)).toEqual(bytes);
    expect(writeRegFile(V5_EXPECTED)).toEqual(bytes);
  });

  it('reads a REGEDIT4 (ANSI) export and writes the same bytes', () => {
    const bytes = latin1File(V4_LINES);
    expect(bytes.includes(0xe9) && !bytes.includes(0xc3)).toBe(true); // é is one byte, not UTF-8
    expect(readRegFile(bytes)).toEqual(V4_EXPECTED);
    expect(writeRegFile(V4_EXPECTED)).toEqual(bytes);
  });

  it('writes a regedit export seen in the wild byte for byte', () => {
    const bytes = utf16File(WILD_LINES);
    expect(writeRegFile(readRegFile(bytes))).toEqual(bytes);
  });

  it.each<[string, Uint8Array, RegFile['encoding'], RegFile['newline']]>([
    ['UTF-8 with BOM, CRLF', utf8File(V5_LINES, '\r\n', true), 'utf8-bom', '\r\n'],
    ['UTF-8 without BOM, LF', utf8File(V5_LINES, '\n'), 'utf8', '\n'],
    ['UTF-16 with LF', utf16File(V5_LINES, '\n'), 'utf16le-bom', '\n'],
    ['REGEDIT4 with LF', latin1File(V4_LINES, '\n'), 'latin1', '\n'],
  ])('keeps %s', (_name, bytes, encoding, newline) => {
    const file = readRegFile(bytes);
    expect([file.encoding, file.newline]).toEqual([encoding, newline]);
    expect(file.entries).toEqual((file.header === 'REGEDIT4' ? V4_EXPECTED : V5_EXPECTED).entries);
    expect(writeRegFile(file)).toEqual(bytes);
  });
});

describe('accessors', () => {
  const v5 = readRegFile(utf16File(V5_LINES));

  it('finds values case-insensitively, with abbreviated roots', () => {
    expect(getValue(v5, 'hku\\S-1-5-18\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections\\', 'defaultconnectionsettings'))
      .toBe(findKey(v5, CONNECTIONS)!.items[0]);
    expect(getValue(v5, INTERNET, 'nope')).toBeUndefined();
    expect(getValue(v5, 'HKLM\\Software', 'x')).toBeUndefined();
  });

  it('decodes every data type', () => {
    const blob = getTypedValue(v5, CONNECTIONS, 'DefaultConnectionSettings');
    expect(blob?.kind).toBe('binary');
    if (blob?.kind === 'binary') expect(decodeConnectionSettings(blob.value).proxyServer).toBe('proxy.contoso.com:8080');
    expect(getTypedValue(v5, INTERNET, '')).toEqual({ kind: 'sz', value: 'default text' });
    expect(getTypedValue(v5, INTERNET, 'ProxyEnable')).toEqual({ kind: 'dword', value: 1 });
    expect(getTypedValue(v5, INTERNET, 'Note')).toEqual({ kind: 'sz', value: 'C:\\ProgramData\\MDI "quoted" ; not a comment' });
    expect(getTypedValue(v5, INTERNET, 'AutoConfigURL')).toBeNull();
    expect(getTypedValue(v5, INTERNET, 'BypassHosts')).toEqual({ kind: 'multi-sz', value: ['<local>', '*.contoso.com'] });
    expect(getTypedValue(v5, INTERNET, 'CachePath')).toEqual({ kind: 'expand-sz', value: '%USERPROFILE%\\AppData' });
    expect(getTypedValue(v5, INTERNET, 'Big')).toEqual({ kind: 'qword', value: 0x0123456789abcdefn });
    expect(getTypedValue(v5, INTERNET, 'Empty')).toEqual({ kind: 'binary', regType: 3, value: new Uint8Array(0) });
    expect(getTypedValue(v5, INTERNET, 'Missing')).toBeUndefined();
  });

  it('decodes REGEDIT4 text data as ANSI', () => {
    const v4 = readRegFile(latin1File(V4_LINES));
    const key = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';
    expect(getTypedValue(v4, key, 'caf\u00e9')).toEqual({ kind: 'sz', value: 'na\u00efve "d\u00e9j\u00e0 vu"' });
    expect(getTypedValue(v4, key, 'CachePath')).toEqual({ kind: 'expand-sz', value: '%SYSTEMROOT%\\Temp' });
    expect(getTypedValue(v4, key, 'Hosts')).toEqual({ kind: 'multi-sz', value: ['a', 'b.c'] });
  });

  it('forgets values under a key the file deletes later, and sees them again when re-created', () => {
    const file = readRegFile(utf16File(['REGEDIT4', '[HKEY_CURRENT_USER\\A\\B]', '"x"="1"', '[-HKEY_CURRENT_USER\\A]', '[HKEY_CURRENT_USER\\A\\B]', '"y"="2"'], '\r\n'));
    expect(getValue(file, 'HKCU\\A\\B', 'x')).toBeUndefined();
    expect(getTypedValue(file, 'HKCU\\A\\B', 'y')).toEqual({ kind: 'sz', value: '2' });
  });

  it('refuses typed decoding of data that cannot be its type', () => {
    const file = readRegFile(utf16File(['Windows Registry Editor Version 5.00', '[HKEY_CURRENT_USER\\A]', '"d"=hex(4):01,02', '"s"=hex(1):41', '"q"=hex(b):00']));
    for (const name of ['d', 's', 'q']) {
      expect(() => getTypedValue(file, 'HKCU\\A', name)).toThrow(expect.objectContaining({ code: ErrorCode.BlobInvalid, field: name }));
    }
  });
});

describe('buildRegFile', () => {
  it('lays a file out as regedit does, for backups and imports', () => {
    const blob = encodeConnectionSettings(newConnectionSettings({ proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com', counter: 11 }));
    const file = buildRegFile([
      { path: CONNECTIONS, values: [{ name: 'DefaultConnectionSettings', data: regBinary(blob) }, { name: 'SavedLegacySettings', data: regBinary(CONNECTION_GOLDENS[3]!.bytes) }] },
    ]);
    expect(writeRegFile(file)).toEqual(utf16File([...V5_LINES.slice(0, 2), ...V5_LINES.slice(3, 13)]));
  });

  it('builds every value type in both formats and reads them back', () => {
    for (const header of ['Windows Registry Editor Version 5.00', 'REGEDIT4'] as const) {
      const values = [
        { name: '', data: regSz('d\u00e9faut "x" \\ y') },
        { name: 'n', data: regDword(0xdeadbeef) },
        { name: 'q', data: regQword(2n ** 64n - 1n) },
        { name: 'e', data: regExpandSz('%TEMP%\\x', header) },
        { name: 'm', data: regMultiSz(['a', 'b'], header) },
        { name: 'none', data: regMultiSz([], header) },
        { name: 'gone', data: null },
      ];
      const file = buildRegFile([{ path: 'HKEY_CURRENT_USER\\T', values }, { path: 'HKEY_CURRENT_USER\\Old', delete: true }], { header });
      const again = readRegFile(writeRegFile(file));
      expect(again).toEqual(file);
      expect(getTypedValue(again, 'HKCU\\T', '')).toEqual({ kind: 'sz', value: 'd\u00e9faut "x" \\ y' });
      expect(getTypedValue(again, 'HKCU\\T', 'q')).toEqual({ kind: 'qword', value: 2n ** 64n - 1n });
      expect(getTypedValue(again, 'HKCU\\T', 'e')).toEqual({ kind: 'expand-sz', value: '%TEMP%\\x' });
      expect(getTypedValue(again, 'HKCU\\T', 'm')).toEqual({ kind: 'multi-sz', value: ['a', 'b'] });
      expect(getTypedValue(again, 'HKCU\\T', 'none')).toEqual({ kind: 'multi-sz', value: [] });
    }
  });

  it('wraps hex at 80 columns whatever the name length', () => {
    for (let nameLength = 0; nameLength < 90; nameLength += 1) {
      const file = buildRegFile([{ path: 'HKEY_CURRENT_USER\\T', values: [{ name: 'n'.repeat(nameLength), data: regBinary(new Uint8Array(300).fill(0xab)) }] }]);
      const text = Buffer.from(writeRegFile(file)).subarray(2).toString('utf16le');
      const lines = text.split('\r\n').filter((l) => l.includes('ab'));
      // "name"=hex: takes nameLength + 7 columns; a line breaks once it reaches 77, "\" makes it at most 80.
      if (nameLength + 7 < 77) expect(lines[0]!.length).toBeLessThanOrEqual(80);
      for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(78);
      for (const line of lines.slice(1, -1)) expect(line).toMatch(/^ {2}(ab,){25}\\$/);
      expect(readRegFile(writeRegFile(file))).toEqual(file);
    }
  });

  it('refuses what a .reg file cannot hold', () => {
    const write = (values: { name: string; data: ReturnType<typeof regSz> }[], header?: 'REGEDIT4') =>
      () => writeRegFile(buildRegFile([{ path: 'HKEY_CURRENT_USER\\T', values }], { header }));
    expect(write([{ name: 'a', data: regSz('two\nlines') }])).toThrow(/line break/);
    expect(write([{ name: 'a', data: regSz('\u0100') }], 'REGEDIT4')).toThrow(/single-byte/);
    expect(() => writeRegFile(buildRegFile([{ path: '-HKEY_CURRENT_USER\\T' }]))).toThrow(/deletion/);
    expect(() => regDword(-1)).toThrow(RangeError);
    expect(() => regMultiSz([''], 'REGEDIT4')).toThrow(RangeError);
  });
});

const V5 = 'Windows Registry Editor Version 5.00';
const KEY = '[HKEY_CURRENT_USER\\T]';

describe('malformed files', () => {
  it.each<[string, Uint8Array, number, number, RegExp]>([
    ['unterminated string', utf16File([V5, KEY, '"a"="abc']), 3, 5, /unterminated string/],
    ['unterminated name', utf16File([V5, KEY, '"abc=1']), 3, 1, /unterminated value name/],
    ['bad hex byte', utf16File([V5, KEY, '"a"=hex:01,zz']), 3, 12, /bad hex byte/],
    ['three hex digits', utf16File([V5, KEY, '"a"=hex:123']), 3, 9, /bad hex byte/],
    ['missing comma', utf16File([V5, KEY, '"a"=hex:01 02']), 3, 12, /expected ,/],
    ['double comma', utf16File([V5, KEY, '"a"=hex:01,,02']), 3, 12, /bad hex byte/],
    ['bad continuation line', utf16File([V5, KEY, '"a"=hex:01,\\', '"b"=dword:1']), 4, 1, /continuation line/],
    ['continuation past the end', utf16File([V5, KEY, '"a"=hex:01,\\', '']), 3, 12, /past the end/],
    ['bad hex type', utf16File([V5, KEY, '"a"=hex(zz):01']), 3, 5, /hex\(N\)/],
    ['dword too long', utf16File([V5, KEY, '"a"=dword:123456789']), 3, 11, /1 to 8 hex digits/],
    ['dword not hex', utf16File([V5, KEY, '"a"=dword:xyz']), 3, 11, /1 to 8 hex digits/],
    ['text after a dword', utf16File([V5, KEY, '"a"=dword:00000001 x']), 3, 20, /after the value/],
    ['unknown data type', utf16File([V5, KEY, '"a"=foo:1']), 3, 5, /unknown data/],
    ['missing =', utf16File([V5, KEY, '"a" "b"']), 3, 5, /expected =/],
    ['unsupported escape', utf16File([V5, KEY, '"a"="C:\\Windows"']), 3, 8, /unsupported escape \\W/],
    ['value outside any key', utf16File([V5, '', '"a"="b"']), 3, 1, /outside any key/],
    ['unclosed key', utf16File([V5, '[HKEY_CURRENT_USER\\T']), 2, 21, /closing \]/],
    ['empty key', utf16File([V5, '[-]']), 2, 1, /empty key/],
    ['stray text', utf16File([V5, KEY, 'garbage']), 3, 1, /unexpected text/],
    ['missing header', utf16File(['Windows Registry Editor Version 4.00', KEY]), 1, 1, /missing header/],
    ['empty file', new Uint8Array(0), 1, 1, /missing header/],
    ['BOM only', Uint8Array.of(0xff, 0xfe), 1, 1, /missing header/],
    ['odd UTF-16 length', utf16File([V5, KEY]).subarray(0, 81), 2, 2, /odd number of bytes/],
    ['UTF-16 without BOM', utf16File([V5]).subarray(2), 1, 1, /byte-order mark/],
    ['UTF-16 big-endian', Uint8Array.of(0xfe, 0xff, 0, 0x57), 1, 1, /big-endian/],
    ['invalid UTF-8 after a BOM', utf8File([V5, KEY, '"a"="\u00e9"'], '\r\n', true).map((b) => (b === 0xa9 ? 0x41 : b)), 3, 6, /invalid UTF-8 byte 0xc3/],
    ['ANSI bytes in a v5 file', latin1File([V5, KEY, '"a"="\u00e9"']), 3, 6, /invalid UTF-8 byte 0xe9/],
  ])('%s', (_name, bytes, line, column, message) => {
    let error: unknown;
    try {
      readRegFile(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ code: ErrorCode.RegFileInvalid, line, column });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(new RegExp(`^\\.reg file: line ${line}, column ${column}: `));
  });
});

describe('what regedit accepts beyond what it writes', () => {
  it('reads spacing, case, comments and continuation variants into the canonical structure', () => {
    const loose = readRegFile(utf16File([
      V5, '  [HKEY_CURRENT_USER\\T]  ', '  "a" = DWORD:1 ; set by hand', '""="default"', '"b"=HEX(3):0A, 0b ,\\', '', '  ; skipped inside the data', '    c,\\',
      '  d,', '"c"=hex:\\', '  01', '@=-', '"s"="x" ;c',
    ], '\n'));
    const canonical = readRegFile(utf16File([V5, KEY, '"a"=dword:00000001', '@="default"', '"b"=hex:0a,0b,0c,0d', '"c"=hex:01', '@=-', '"s"="x"'], '\n'));
    expect(loose).toEqual(canonical);
    expect(readRegFile(writeRegFile(loose))).toEqual(loose);
  });

  it('keeps a last line without a newline, and lone CR line ends', () => {
    const file = readRegFile(new Uint8Array(Buffer.from(`REGEDIT4\r${KEY}\r"a"="b"`, 'latin1')));
    expect(getTypedValue(file, 'HKCU\\T', 'a')).toEqual({ kind: 'sz', value: 'b' });
    expect(readRegFile(writeRegFile(file))).toEqual(file);
  });
});
