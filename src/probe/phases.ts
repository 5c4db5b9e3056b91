import { nowMs } from './clock.js';
import type { PhaseName, PhaseResult } from '../contract/types.js';

export type PhaseLog = (line: string) => void;

/** Times phases and reports each as it ends, so -Verbose shows progress live. */
export class PhaseRecorder {
  readonly phases: PhaseResult[] = [];
  private readonly log: PhaseLog;

  constructor(log: PhaseLog) {
    this.log = log;
  }

  async time<T>(name: PhaseName, work: () => Promise<T>, describe: (value: T) => string): Promise<T> {
    const started = nowMs();
    try {
      const value = await work();
      this.add(name, started, true, describe(value));
      return value;
    } catch (error) {
      this.add(name, started, false, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private add(name: PhaseName, started: number, ok: boolean, note: string): void {
    const ms = round(nowMs() - started);
    this.phases.push({ name, ms, ok, note });
    this.log(`${name} ${ok ? 'ok' : 'failed'} in ${ms} ms: ${note}`);
  }
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
