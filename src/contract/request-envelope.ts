// What every engine request carries besides its own fields.

/** Which front end asks. Every text a user sees (errors, warnings, remediation) uses that front end's names. */
export type FrontEnd = 'PowerShell' | 'CLI';

export interface RequestEnvelope {
  schemaVersion: number;
  /** 'PowerShell' from the module (-ProxyCredential, -CertificatePassword...); absent or 'CLI' for the CLI's flags. */
  frontEnd?: FrontEnd;
  /**
   * false: no VERBOSE progress lines on stderr. The module asks for them only when verbose output or a
   * progress bar will show them (each line costs PowerShell a few cmdlet calls). Absent means true.
   */
  narrate?: boolean;
}
