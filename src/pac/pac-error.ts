// The one error type the PAC/WPAD code throws. Callers (the CLI, the verdict
// layer) switch on `code`, never on message text, so every failure path —
// a hostile script, a bad download, a missing WPAD host — ends up here.
import { ErrorCode } from '../errors.js';

export type PacErrorCode =
  | typeof ErrorCode.PacSyntax
  | typeof ErrorCode.PacTimeout
  | typeof ErrorCode.PacMemory
  | typeof ErrorCode.PacRuntime
  | typeof ErrorCode.PacFetch
  | typeof ErrorCode.WpadNotFound
  // Only for a broken installation (the QuickJS engine file is missing), never for a script.
  | typeof ErrorCode.Internal;

export class PacError extends Error {
  readonly code: PacErrorCode;
  constructor(code: PacErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PacError';
    this.code = code;
  }
}

export function isPacError(value: unknown): value is PacError {
  return value instanceof PacError;
}
