// Plans the one change Set/Clear make to SensorConfiguration.json: the value of
// SensorProxyConfiguration, replaced in place (or the member added when absent).
// Everything outside that span is copied byte for byte; the result is checked
// before anyone writes it.

import { isDeepStrictEqual } from 'node:util';
import type { SensorConfigChange } from '../contract/types.js';
import { PROXY_MEMBER, interpret, type SensorConfigFile } from './config-file.js';
import { detectStyle, lineIndent, memberInsertion, renderObject, type JsonShape, type TextEdit } from './json-style.js';
import { spliceBytes } from './json-text.js';

/** What Set writes; null clears. */
export interface ProxyBlock {
  url: string;
  credentials?: { userName: string; encryptedBytes: string; thumbprint: string };
}

export interface PlannedEdit {
  bytes: Buffer;
  /** The file as it will read after the write. */
  after: SensorConfigFile;
  change: Omit<SensorConfigChange, 'whatIf' | 'written' | 'backupPath'>;
}

/**
 * The official module's shapes (FACTS §1, DefenderForIdentity): without credentials
 * only $type and Url; with them UserName and EncryptedUserPasswordData, whose
 * SecretVersion it writes as null. "$type" comes first because Newtonsoft reads
 * type metadata only from an object's first member.
 */
export function proxyShape(block: ProxyBlock): JsonShape {
  if (!block.credentials) return { $type: 'SensorProxyConfiguration', Url: block.url };
  return {
    $type: 'SensorProxyConfiguration',
    Url: block.url,
    UserName: block.credentials.userName,
    EncryptedUserPasswordData: {
      $type: 'EncryptedData',
      EncryptedBytes: block.credentials.encryptedBytes,
      SecretVersion: null,
      CertificateThumbprint: block.credentials.thumbprint,
    },
  };
}

export function planProxyEdit(file: SensorConfigFile, block: ProxyBlock | null): PlannedEdit {
  const { text } = file.doc;
  const member = file.proxyMember;
  const previousText = member ? text.slice(member.valueStart, member.valueEnd) : null;
  const unchanged = (): PlannedEdit => ({
    bytes: file.doc.bytes,
    after: file,
    change: { changed: false, edit: 'None', previousText, newText: previousText, range: { start: 0, end: 0 } },
  });
  // Clear: the official command sets the member to null. A file without the member, or
  // with null already, has no proxy: adding "null" would change bytes for nothing.
  if (!block && (!member || previousText === 'null')) return unchanged();
  // Set to what is already there (no credentials: nothing random in it) changes nothing either.
  if (block && !block.credentials && file.proxy && !file.proxy.userName && file.proxy.url === block.url && isDeepStrictEqual(JSON.parse(previousText ?? 'null'), proxyShape(block))) return unchanged();

  const style = detectStyle(text, file.scanned);
  const valueAt = (indent: string): string => (block ? renderObject(proxyShape(block), style, indent) : 'null');
  const edit: TextEdit = member
    ? { start: member.valueStart, end: member.valueEnd, text: valueAt(lineIndent(text, member.keyStart)) }
    : memberInsertion(text, file.scanned, PROXY_MEMBER, valueAt, style);
  const spliced = spliceBytes(file.doc, edit.start, edit.end, edit.text);
  const after = verify(file, spliced.bytes, spliced.byteStart, spliced.byteEnd, block);
  const newMember = after.proxyMember!;
  return {
    bytes: spliced.bytes,
    after,
    change: {
      changed: true,
      edit: member ? 'Replaced' : 'Inserted',
      previousText,
      newText: after.doc.text.slice(newMember.valueStart, newMember.valueEnd),
      range: { start: spliced.byteStart, end: spliced.byteEnd },
    },
  };
}

/**
 * The new bytes must parse (our scanner and JSON.parse both), say what we meant, and
 * keep the original bytes before and after the edited span. Any doubt stops the write:
 * it would be a defect here, never something the admin could fix, hence a plain Error.
 */
function verify(before: SensorConfigFile, bytes: Buffer, byteStart: number, byteEnd: number, block: ProxyBlock | null): SensorConfigFile {
  const after = interpret(before.path, bytes);
  JSON.parse(after.doc.text);
  const tail = before.doc.bytes.length - byteEnd;
  const keptBefore = bytes.subarray(0, byteStart).equals(before.doc.bytes.subarray(0, byteStart));
  const keptAfter = bytes.subarray(bytes.length - tail).equals(before.doc.bytes.subarray(byteEnd));
  const meant = block
    ? after.proxy?.url === block.url &&
      after.proxy.userName === (block.credentials?.userName ?? null) &&
      after.proxy.encryptedUserPasswordData === (block.credentials?.encryptedBytes ?? null)
    : after.proxy === null;
  if (!keptBefore || !keptAfter || !meant || after.doc.encoding !== before.doc.encoding) {
    throw new Error(`internal check failed while editing ${PROXY_MEMBER}; nothing was written`);
  }
  return after;
}
