import type { PingAnswer } from './ping-answer.js';
import { ProbeFailure } from './failure.js';

const WHY: Record<number, string> = {
  400: ' (normal for blob storage without a request)',
  404: ' (normal for this endpoint without a request)',
};

/** An allowlist URL is reached when it gives the answer the live service gives (FACTS §6). */
export function judgeStatus(answer: PingAnswer, host: string, reachable: readonly number[]): string {
  if (reachable.includes(answer.status)) return `${host} answered ${answer.status}${WHY[answer.status] ?? ''}: reachable.`;
  throw new ProbeFailure('UnexpectedResponse', 'http',
    `${host} answered ${answer.status}, where the service answers ${reachable.join(' or ')}: something else answered (a block page, or the wrong server).`,
    { status: String(answer.status) });
}
