import { nowMs } from './clock.js';
import type { PhaseName } from '../contract/types.js';
import { ProbeFailure } from '../verdict/failure.js';

const PHASE_WORDS: Record<PhaseName, string> = {
  dns: 'resolving the name',
  tcp: 'opening the TCP connection',
  proxyConnect: 'waiting for the proxy to answer CONNECT',
  proxyAuth: 'authenticating to the proxy',
  tls: 'doing the TLS handshake',
  http: 'waiting for the HTTP answer',
};

/**
 * One budget for the whole check: every phase races the same end time, so
 * --timeout-sec bounds the total, not each phase.
 */
export class Deadline {
  readonly timeoutMs: number;
  private readonly endsAt: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.endsAt = nowMs() + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - nowMs());
  }

  /** Resolves with `work`, or rejects with a Timeout verdict naming `phase`; `onTimeout` releases sockets. */
  race<T>(phase: PhaseName, work: Promise<T>, onTimeout: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout();
        reject(this.timeoutFailure(phase));
      }, this.remainingMs());
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  timeoutFailure(phase: PhaseName, where = ''): ProbeFailure {
    const seconds = (this.timeoutMs / 1000).toFixed(this.timeoutMs % 1000 ? 1 : 0);
    return new ProbeFailure('Timeout', phase, `No progress within ${seconds} s while ${PHASE_WORDS[phase]}${where}.`, {
      phase,
    });
  }
}
