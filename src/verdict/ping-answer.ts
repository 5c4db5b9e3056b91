import type { PingAnswer } from '../probe/http-ping.js';
import { ProbeFailure } from '../probe/failure.js';

const VERSION = /^\d+(?:\.\d+){1,3}$/;

/** FACTS §2: 200 "Ok", 200 with a sensor version, and 503 all mean the route works. */
export function judgePing(answer: PingAnswer, host: string): string {
  // The probe has already unwrapped the wire form (BOM, JSON string); text is absent only in unit tests.
  const body = answer.text ?? answer.body.trim();
  if (answer.status === 200 && body === 'Ok') return `${host} answered 200 Ok.`;
  if (answer.status === 200 && VERSION.test(body)) return `${host} answered 200 with sensor version ${body}.`;
  if (answer.status === 503) {
    return `${host} answered 503 Service Unavailable, which the docs describe as normal for some older workspaces: the route works.`;
  }
  const shown = body.slice(0, 60).replace(/\s+/g, ' ');
  throw new ProbeFailure('UnexpectedResponse', 'http',
    `${host} answered ${answer.status}${shown ? ` '${shown}'` : ''}, not the sensor API's Ok/version/503: something else answered.`,
    { status: String(answer.status) });
}
