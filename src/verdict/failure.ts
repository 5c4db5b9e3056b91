import type { PhaseName, Verdict } from '../contract/types.js';

/**
 * A probe that ended in a named verdict. Every expected way a check can fail
 * is thrown as one of these; anything else is an engine bug (exit code 3).
 */
export class ProbeFailure extends Error {
  readonly verdict: Verdict;
  readonly phase: PhaseName;
  /** Facts the remediation text needs (scheme list, intercepting CA...). */
  readonly facts: Record<string, string>;
  constructor(verdict: Verdict, phase: PhaseName, detail: string, facts: Record<string, string> = {}) {
    super(detail);
    this.name = 'ProbeFailure';
    this.verdict = verdict;
    this.phase = phase;
    this.facts = facts;
  }
}
