// How the file is laid out, so a value we write looks like the rest of it: the
// newline (CRLF from .NET on Windows, LF from an editor), the indentation unit
// (spaces or tabs), the separator between name and value (": " from Newtonsoft,
// ":  " from PowerShell's ConvertTo-Json, ":" when minified).

import type { JsonMember, ScannedDocument } from './json-scanner.js';

export interface JsonStyle {
  /** null: the object is written on one line (minified or single-line files). */
  newline: '\r\n' | '\n' | null;
  /** One level of indentation. */
  unit: string;
  /** Between a member name and its value, colon included. */
  separator: string;
}

export function detectStyle(text: string, doc: ScannedDocument): JsonStyle {
  const first = doc.members[0];
  const separator = first ? text.slice(first.keyEnd, first.valueStart) : ': ';
  const newlineMatch = /\r?\n/.exec(text.slice(doc.open, doc.close));
  if (!newlineMatch || !first) return { newline: null, unit: '', separator: separator.replace(/[\r\n]/g, '') || ':' };
  const newline = newlineMatch[0] === '\r\n' ? '\r\n' : '\n';
  // The top-level members sit one unit in from the object's own line.
  const unit = relativeIndent(lineIndent(text, doc.open), lineIndent(text, first.keyStart)) || '  ';
  return { newline, unit, separator: separator.replace(/[\r\n]/g, '') || ': ' };
}

/** The leading whitespace of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const lead = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : /^[ \t]*/.exec(lead)![0];
}

function relativeIndent(outer: string, inner: string): string {
  return inner.startsWith(outer) ? inner.slice(outer.length) : inner;
}

/** A JSON object with members in the given order, laid out in `style` at `indent`. Values are JSON text or nested objects. */
export type JsonShape = { [name: string]: string | number | null | JsonShape };

export function renderObject(shape: JsonShape, style: JsonStyle, indent: string): string {
  const entries = Object.entries(shape);
  if (entries.length === 0) return '{}';
  if (!style.newline) return `{${entries.map(([name, value]) => `${JSON.stringify(name)}${style.separator}${renderValue(value, style, indent)}`).join(',')}}`;
  const inner = indent + style.unit;
  const lines = entries.map(([name, value]) => `${inner}${JSON.stringify(name)}${style.separator}${renderValue(value, style, inner)}`);
  return `{${style.newline}${lines.join(`,${style.newline}`)}${style.newline}${indent}}`;
}

function renderValue(value: string | number | null | JsonShape, style: JsonStyle, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return renderObject(value, style, indent);
}

/**
 * Text that adds a member after the last one: ",<newline><indent>"name": value".
 * Inserted right after the last value, so whatever stood before the closing brace
 * (its newline and indentation) stays where it was.
 */
export function memberInsertion(text: string, doc: ScannedDocument, name: string, valueFor: (indent: string) => string, style: JsonStyle): TextEdit {
  const last: JsonMember | undefined = doc.members.at(-1);
  if (!last) {
    // An empty object: its inside (blank or whitespace) becomes the one member.
    const outer = lineIndent(text, doc.open);
    const inner = style.newline ? outer + style.unit : '';
    const member = `${JSON.stringify(name)}${style.separator}${valueFor(inner)}`;
    const body = style.newline ? `${style.newline}${inner}${member}${style.newline}${outer}` : member;
    return { start: doc.open + 1, end: doc.close, text: body };
  }
  const indent = lineIndent(text, last.keyStart);
  const lead = style.newline ? `${style.newline}${indent}` : '';
  return { start: last.valueEnd, end: last.valueEnd, text: `,${lead}${JSON.stringify(name)}${style.separator}${valueFor(indent)}` };
}

/** Replace text units [start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}
