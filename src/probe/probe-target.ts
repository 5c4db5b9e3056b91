import type { CatalogEntry, EndpointCategory } from '../contract/types.js';
import { judgePing } from '../verdict/ping-answer.js';
import { judgeStatus } from '../verdict/status-answer.js';
import type { PingAnswer } from './http-ping.js';

/** What one probe asks for, and how its answer is judged. */
export interface ProbeTarget {
  url: URL;
  endpointId: string;
  category: EndpointCategory;
  required: boolean;
  /** A one-line detail for a good answer; throws a ProbeFailure naming what is wrong otherwise. */
  judge: (answer: PingAnswer, host: string) => string;
}

export function sensorApiTarget(url: URL, endpointId = 'mdi.sensor-api', category: EndpointCategory = 'SensorApi', required = true): ProbeTarget {
  return { url, endpointId, category, required, judge: judgePing };
}

/** A catalog entry with a test URL: reachable when the status is one of the entry's answers. */
export function catalogTarget(entry: CatalogEntry & { testUrl: string }): ProbeTarget {
  if (entry.category === 'SensorApi' || entry.category === 'LegacyRegional') {
    return sensorApiTarget(new URL(entry.testUrl), entry.id, entry.category, entry.required);
  }
  return {
    url: new URL(entry.testUrl),
    endpointId: entry.id,
    category: entry.category,
    required: entry.required,
    judge: (answer, host) => judgeStatus(answer, host, entry.reachable),
  };
}
