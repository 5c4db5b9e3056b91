// One place for the engine's error codes. Codes are stable: the module turns
// them into ErrorRecord ids and runbooks match on them.

export const ErrorCode = {
  InvalidArgument: 'MDI_INVALID_ARGUMENT',
  InvalidRequest: 'MDI_INVALID_REQUEST',
  ContractMismatch: 'MDI_CONTRACT_MISMATCH',
  SecretMissing: 'MDI_PROXY_PASSWORD_MISSING',
  ProxyStringInvalid: 'MDI_PROXY_STRING_INVALID',
  Internal: 'MDI_INTERNAL_ERROR',
  WriteFailed: 'MDI_WRITE_FAILED',
  BlobTruncated: 'MDI_BLOB_TRUNCATED',
  BlobInvalid: 'MDI_BLOB_INVALID',
  RegFileInvalid: 'MDI_REG_FILE_INVALID',
  PacSyntax: 'MDI_PAC_SYNTAX',
  PacTimeout: 'MDI_PAC_TIMEOUT',
  PacMemory: 'MDI_PAC_MEMORY',
  PacRuntime: 'MDI_PAC_RUNTIME',
  PacFetch: 'MDI_PAC_FETCH',
  WpadNotFound: 'MDI_WPAD_NOT_FOUND',
  SensorConfigNotFound: 'MDI_SENSOR_CONFIG_NOT_FOUND',
  SensorConfigUnreadable: 'MDI_SENSOR_CONFIG_UNREADABLE',
  SensorConfigInvalid: 'MDI_SENSOR_CONFIG_INVALID',
  SensorConfigReadOnly: 'MDI_SENSOR_CONFIG_READ_ONLY',
  ProxyUrlInvalid: 'MDI_PROXY_URL_INVALID',
  CertificateMissing: 'MDI_CERTIFICATE_MISSING',
  CertificateInvalid: 'MDI_CERTIFICATE_INVALID',
  CertificateMismatch: 'MDI_CERTIFICATE_MISMATCH',
  PasswordEncryptFailed: 'MDI_PASSWORD_ENCRYPT_FAILED',
  PasswordDecryptFailed: 'MDI_PASSWORD_DECRYPT_FAILED',
  DeployerSyntaxInvalid: 'MDI_DEPLOYER_SYNTAX_INVALID',
  CredentialsUnsupported: 'MDI_PROXY_CREDENTIALS_UNSUPPORTED',
  ServiceTagsInvalid: 'MDI_SERVICE_TAGS_INVALID',
  FirewallRangeInvalid: 'MDI_FIREWALL_RANGE_INVALID',
  RootStoreInvalid: 'MDI_ROOT_STORE_INVALID',
  InputTooLarge: 'MDI_INPUT_TOO_LARGE',
  StdinTimeout: 'MDI_STDIN_TIMEOUT',
  // Written by cli/entry.ts, which imports nothing so that it runs on any Node.
  NodeUnsupported: 'MDI_NODE_UNSUPPORTED',
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
