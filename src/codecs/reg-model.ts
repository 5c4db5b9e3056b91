// The in-memory form of a .reg file. It keeps what a rewrite needs to give
// back the same bytes for regedit-style files (encoding, newline style, blank
// and comment lines, key order, value order) and nothing of the layout that
// our writer regenerates (hex wrapping, spaces around "=").

export const REG_V5 = 'Windows Registry Editor Version 5.00';
export const REG_V4 = 'REGEDIT4';
export type RegHeader = typeof REG_V5 | typeof REG_V4;

/**
 * How the file's text is stored. regedit writes v5 as UTF-16LE with a BOM and
 * REGEDIT4 in the ANSI code page (read and written here as latin1, one byte
 * per character); UTF-8 appears when someone saves a .reg file from an editor.
 */
export type RegEncoding = 'utf16le-bom' | 'utf8-bom' | 'utf8' | 'latin1';
export type RegNewline = '\r\n' | '\n';

export interface RegFile {
  header: RegHeader;
  encoding: RegEncoding;
  newline: RegNewline;
  /**
   * Lines after the header. Blank and comment lines that trail a key's values
   * (the separator before the next key) are entries here, not key items.
   */
  entries: RegEntry[];
}

export type RegEntry = RegKey | RegComment | RegBlank;
export type RegKeyItem = RegValue | RegComment | RegBlank;

export interface RegKey {
  kind: 'key';
  /** As written between the brackets, e.g. HKEY_USERS\S-1-5-18\Software\… (without the '-' of a deletion). */
  path: string;
  /** `[-HKEY_…]`: delete the key and everything below it. */
  delete: boolean;
  /** Values, and comments or blank lines between them. */
  items: RegKeyItem[];
}

export interface RegComment {
  kind: 'comment';
  /** Everything after the ';' (spaces before the ';' are not kept). */
  text: string;
}

export interface RegBlank {
  kind: 'blank';
}

export interface RegValue {
  kind: 'value';
  /** '' is the key's default value, written `@=`. */
  name: string;
  /** null: `"name"=-`, delete the value. */
  data: RegData | null;
}

/**
 * The three notations a .reg file has. `hex` carries any registry type by
 * number (3 REG_BINARY is written `hex:`, others `hex(N):`); reg-value.ts
 * turns them into strings, numbers and lists.
 */
export type RegData =
  | { type: 'string'; value: string }
  | { type: 'dword'; value: number }
  | { type: 'hex'; regType: number; bytes: Uint8Array };

export const RegType = {
  None: 0,
  Sz: 1,
  ExpandSz: 2,
  Binary: 3,
  Dword: 4,
  DwordBigEndian: 5,
  Link: 6,
  MultiSz: 7,
  Qword: 0xb,
} as const;
