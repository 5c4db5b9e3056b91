import type { Cloud } from '../contract/types.js';
import { invalidArgument } from '../errors.js';
import { term } from '../front-end.js';

export const PING_PATH = '/tri/sensor/api/ping';

// FACTS §2: the GCC spelling differs between the docs repository
// (sensorapi.gcc.atp.azure.com) and the published page (sensorapi.atp.gcc.azure.com).
// We follow the published page, the one admins are told to allowlist, and say so.
export const SENSOR_DOMAIN: Record<Cloud, string> = {
  Commercial: 'sensorapi.atp.azure.com',
  GCC: 'sensorapi.atp.gcc.azure.com',
  GCCHigh: 'sensorapi.atp.azure.us',
  DoD: 'sensorapi.atp.azure.us',
};

export const CLOUDS = Object.keys(SENSOR_DOMAIN) as Cloud[];

export interface SensorEndpoint {
  url: URL;
  note: string;
}

// Workspace names are DNS labels: the portal allows letters, digits and hyphens.
const WORKSPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function sensorEndpointFor(options: {
  workspace?: string;
  cloud?: Cloud;
  sensorApiUrl?: string;
}): SensorEndpoint {
  if (options.sensorApiUrl) return fromOverride(options.sensorApiUrl);
  const workspace = options.workspace?.trim();
  if (!workspace) throw invalidArgument(`Give a workspace name (${term('workspace')}) or a sensor API URL (${term('sensorApiUrl')}).`);
  if (!WORKSPACE_PATTERN.test(workspace)) {
    throw invalidArgument(
      `Workspace name '${workspace}' is not valid: use the name from the portal's About page (letters, digits, hyphens), without 'sensorapi' or a domain.`,
    );
  }
  const cloud = options.cloud ?? 'Commercial';
  const url = new URL(`https://${workspace.toLowerCase()}${SENSOR_DOMAIN[cloud]}${PING_PATH}`);
  const gccNote =
    cloud === 'GCC'
      ? ' The docs disagree on the GCC name (sensorapi.gcc.atp.azure.com in the docs repository); this uses the published page\'s sensorapi.atp.gcc.azure.com: pass -SensorApiUrl to test the other.'
      : '';
  return { url, note: `${cloud} cloud sensor endpoint for workspace '${workspace}'.${gccNote}` };
}

function fromOverride(raw: string): SensorEndpoint {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    throw invalidArgument(`Sensor API URL '${raw}' is not a valid URL.`);
  }
  if (url.protocol !== 'https:') {
    throw invalidArgument(`Sensor API URL '${raw}' must use https: the sensor API is HTTPS only.`);
  }
  if (url.username || url.password) throw invalidArgument('Sensor API URL must not contain credentials.');
  // Admins paste the bare host or the full ping URL; both should work.
  if (!url.pathname.toLowerCase().endsWith(PING_PATH)) {
    url.pathname = url.pathname.replace(/\/+$/, '') + PING_PATH;
  }
  return { url, note: 'Sensor API URL given explicitly.' };
}
