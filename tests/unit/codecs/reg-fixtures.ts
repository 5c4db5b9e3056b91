// .reg exports as regedit writes them, spelled out line by line. The bytes are
// made with Buffer's own encoders (independent of the code under test): v5 is
// FF FE + UTF-16LE, REGEDIT4 is one byte per character.
import type { RegFile } from '../../../src/codecs/reg-file.js';
import { CONNECTION_GOLDENS, WINHTTP_GOLDENS, hex } from './blob-fixtures.js';

export function utf16File(lines: string[], newline = '\r\n'): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join(newline) + newline, 'utf16le')]));
}

export function latin1File(lines: string[], newline = '\r\n'): Uint8Array {
  return new Uint8Array(Buffer.from(lines.join(newline) + newline, 'latin1'));
}

export function utf8File(lines: string[], newline = '\r\n', bom = false): Uint8Array {
  const body = Buffer.from(lines.join(newline) + newline, 'utf8');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
}

const CONNECTIONS = 'HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';
const INTERNET = 'HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

export const V5_LINES = [
  'Windows Registry Editor Version 5.00',
  '',
  '; LocalSystem proxy settings, exported before the repair',
  `[${CONNECTIONS}]`,
  // 99 bytes: 15 on the first line ("…"=hex: is 32 columns), then 25 per line.
  '"DefaultConnectionSettings"=hex:46,00,00,00,0b,00,00,00,03,00,00,00,16,00,00,\\',
  '  00,70,72,6f,78,79,2e,63,6f,6e,74,6f,73,6f,2e,63,6f,6d,3a,38,30,38,30,15,00,\\',
  '  00,00,3c,6c,6f,63,61,6c,3e,3b,2a,2e,63,6f,6e,74,6f,73,6f,2e,63,6f,6d,00,00,\\',
  '  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\',
  '  00,00,00,00,00,00,00,00,00',
  // 56 bytes: 17 on the first line (26 columns before the data).
  '"SavedLegacySettings"=hex:46,00,00,00,02,00,00,00,09,00,00,00,00,00,00,00,00,\\',
  '  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\',
  '  00,00,00,00,00,00,00,00,00,00,00,00,00,00',
  '',
  `[${INTERNET}]`,
  '@="default text"',
  '"ProxyEnable"=dword:00000001',
  '"ProxyServer"="proxy.contoso.com:8080"',
  '"Note"="C:\\\\ProgramData\\\\MDI \\"quoted\\" ; not a comment"',
  '"AutoConfigURL"=-',
  // REG_MULTI_SZ <local>, *.contoso.com in UTF-16LE, double NUL at the end.
  '"BypassHosts"=hex(7):3c,00,6c,00,6f,00,63,00,61,00,6c,00,3e,00,00,00,2a,00,2e,\\',
  '  00,63,00,6f,00,6e,00,74,00,6f,00,73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,\\',
  '  00,00',
  // REG_EXPAND_SZ %USERPROFILE%\AppData with its NUL.
  '"CachePath"=hex(2):25,00,55,00,53,00,45,00,52,00,50,00,52,00,4f,00,46,00,49,00,\\',
  '  4c,00,45,00,25,00,5c,00,41,00,70,00,70,00,44,00,61,00,74,00,61,00,00,00',
  '"Big"=hex(b):ef,cd,ab,89,67,45,23,01',
  '"Empty"=hex:',
  '; a comment between values',
  '"Last"=dword:ffffffff',
  '',
  '[-HKEY_USERS\\S-1-5-18\\Software\\Policies\\Contoso\\Stale]',
  '',
];

const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));

export const V5_EXPECTED: RegFile = {
  header: 'Windows Registry Editor Version 5.00',
  encoding: 'utf16le-bom',
  newline: '\r\n',
  entries: [
    { kind: 'blank' },
    { kind: 'comment', text: ' LocalSystem proxy settings, exported before the repair' },
    {
      kind: 'key', path: CONNECTIONS, delete: false, items: [
        { kind: 'value', name: 'DefaultConnectionSettings', data: { type: 'hex', regType: 3, bytes: CONNECTION_GOLDENS[1]!.bytes } },
        { kind: 'value', name: 'SavedLegacySettings', data: { type: 'hex', regType: 3, bytes: CONNECTION_GOLDENS[3]!.bytes } },
      ],
    },
    { kind: 'blank' },
    {
      kind: 'key', path: INTERNET, delete: false, items: [
        { kind: 'value', name: '', data: { type: 'string', value: 'default text' } },
        { kind: 'value', name: 'ProxyEnable', data: { type: 'dword', value: 1 } },
        { kind: 'value', name: 'ProxyServer', data: { type: 'string', value: 'proxy.contoso.com:8080' } },
        { kind: 'value', name: 'Note', data: { type: 'string', value: 'C:\\ProgramData\\MDI "quoted" ; not a comment' } },
        { kind: 'value', name: 'AutoConfigURL', data: null },
        { kind: 'value', name: 'BypassHosts', data: { type: 'hex', regType: 7, bytes: utf16('<local>\0*.contoso.com\0\0') } },
        { kind: 'value', name: 'CachePath', data: { type: 'hex', regType: 2, bytes: utf16('%USERPROFILE%\\AppData\0') } },
        { kind: 'value', name: 'Big', data: { type: 'hex', regType: 0xb, bytes: hex('ef cd ab 89 67 45 23 01') } },
        { kind: 'value', name: 'Empty', data: { type: 'hex', regType: 3, bytes: new Uint8Array(0) } },
        { kind: 'comment', text: ' a comment between values' },
        { kind: 'value', name: 'Last', data: { type: 'dword', value: 0xffffffff } },
      ],
    },
    { kind: 'blank' },
    { kind: 'key', path: 'HKEY_USERS\\S-1-5-18\\Software\\Policies\\Contoso\\Stale', delete: true, items: [] },
    { kind: 'blank' },
  ],
};

const WINHTTP_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';

export const V4_LINES = [
  'REGEDIT4',
  '',
  `[${WINHTTP_KEY}]`,
  '"WinHttpSettings"=hex:28,00,00,00,00,00,00,00,03,00,00,00,16,00,00,00,70,72,6f,\\',
  '  78,79,2e,63,6f,6e,74,6f,73,6f,2e,63,6f,6d,3a,38,30,38,30,15,00,00,00,3c,6c,\\',
  '  6f,63,61,6c,3e,3b,2a,2e,63,6f,6e,74,6f,73,6f,2e,63,6f,6d',
  '"Caf\u00e9"="na\u00efve \\"d\u00e9j\u00e0 vu\\""', // latin1 bytes E9, EF, E0 in the file
  // ANSI REG_EXPAND_SZ %SYSTEMROOT%\Temp with its NUL: one byte per character in REGEDIT4.
  '"CachePath"=hex(2):25,53,59,53,54,45,4d,52,4f,4f,54,25,5c,54,65,6d,70,00',
  '"Hosts"=hex(7):61,00,62,2e,63,00,00',
  '"Count"=dword:0000002a',
  '',
];

export const V4_EXPECTED: RegFile = {
  header: 'REGEDIT4',
  encoding: 'latin1',
  newline: '\r\n',
  entries: [
    { kind: 'blank' },
    {
      kind: 'key', path: WINHTTP_KEY, delete: false, items: [
        { kind: 'value', name: 'WinHttpSettings', data: { type: 'hex', regType: 3, bytes: WINHTTP_GOLDENS[1]!.bytes } },
        { kind: 'value', name: 'Caf\u00e9', data: { type: 'string', value: 'na\u00efve "d\u00e9j\u00e0 vu"' } },
        { kind: 'value', name: 'CachePath', data: { type: 'hex', regType: 2, bytes: new Uint8Array(Buffer.from('%SYSTEMROOT%\\Temp\0', 'latin1')) } },
        { kind: 'value', name: 'Hosts', data: { type: 'hex', regType: 7, bytes: hex('61 00 62 2e 63 00 00') } },
        { kind: 'value', name: 'Count', data: { type: 'dword', value: 42 } },
      ],
    },
    { kind: 'blank' },
  ],
};

/** A regedit export seen in the wild (a 0x46 direct blob, 56 bytes: 15 + 25 + 16). */
export const WILD_LINES = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections]',
  '"DefaultConnectionSettings"=hex:46,00,00,00,0a,00,00,00,01,00,00,00,00,00,00,\\',
  '  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\',
  '  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00',
  '',
];
