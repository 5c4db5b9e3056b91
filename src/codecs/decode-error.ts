import { ErrorCode } from '../errors.js';

/** The codes a codec can fail with; callers switch on them, never on the message. */
export type DecodeErrorCode =
  | typeof ErrorCode.BlobTruncated
  | typeof ErrorCode.BlobInvalid
  | typeof ErrorCode.RegFileInvalid;

/** Where in a text file (1-based), for .reg files; binary blobs only have `offset`. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Bytes we were given do not hold what they claim to. An expected outcome (a
 * value copied by hand, a cut-off export), so it carries enough to tell the
 * admin what is wrong and where, and nothing else ever escapes a decoder.
 */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  /** The field being read (`proxyServer`), or for .reg files what was being parsed. */
  readonly field: string;
  /** Byte offset for blobs; for .reg files the character offset in the decoded text. */
  readonly offset: number;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: DecodeErrorCode, message: string, field: string, offset: number, position?: TextPosition) {
    super(message);
    this.name = 'DecodeError';
    this.code = code;
    this.field = field;
    this.offset = offset;
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** `0x1C`: offsets in messages are hex so they line up with a hex dump of the value. */
export function hexOffset(offset: number): string {
  return `0x${offset.toString(16).toUpperCase().padStart(2, '0')}`;
}

export function truncated(context: string, field: string, offset: number, needs: number, left: number): DecodeError {
  return new DecodeError(
    ErrorCode.BlobTruncated,
    `${context}: truncated at offset ${hexOffset(offset)} while reading ${field} (needs ${needs} bytes, ${left} left)`,
    field,
    offset,
  );
}

export function invalid(context: string, field: string, offset: number, why: string): DecodeError {
  return new DecodeError(
    ErrorCode.BlobInvalid,
    `${context}: invalid ${field} at offset ${hexOffset(offset)}: ${why}`,
    field,
    offset,
  );
}
