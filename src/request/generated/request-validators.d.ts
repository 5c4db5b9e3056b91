// Types of the module scripts/request-validators.mjs generates at build time (the .js is not in git).
import type { ErrorObject } from 'ajv';

export interface RequestValidator {
  (data: unknown): boolean;
  /** Set after a failed call: the first violation (the code stops at the first). */
  errors?: ErrorObject[] | null;
}

/** One validator per request command, compiled from that command's request type. */
export declare const validatorsByCommand: Readonly<Record<string, RequestValidator>>;
