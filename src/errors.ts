// One place for the engine's error codes. Codes are stable: the module turns
// them into ErrorRecord ids and runbooks match on them.

export const ErrorCode = {
  InvalidArgument: 'MDI_INVALID_ARGUMENT',
  InvalidRequest: 'MDI_INVALID_REQUEST',
  ContractMismatch: 'MDI_CONTRACT_MISMATCH',
  SecretMissing: 'MDI_PROXY_PASSWORD_MISSING',
  Internal: 'MDI_INTERNAL_ERROR',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Exit codes of the CLI, documented in the README. */
export const ExitCode = {
  Passed: 0,
  CheckFailed: 1,
  BadInput: 2,
  Internal: 3,
} as const;

/** An error the user can fix: bad arguments, bad request document. Exit code 2. */
export class MdiInputError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = 'MdiInputError';
    this.code = code;
  }
}

export function invalidArgument(message: string): MdiInputError {
  return new MdiInputError(ErrorCode.InvalidArgument, message);
}
