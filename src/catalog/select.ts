import type { CatalogRequest, CatalogResponse, Cloud, MdeRegion } from '../contract/types.js';
import { SCHEMA_VERSION } from '../contract/types.js';
import { CLOUDS, sensorEndpointFor } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';
import { mdeCatalog, MDE_REGIONS } from './mde-catalog.js';
import { mdiCatalog } from './mdi-catalog.js';
import { CATALOG_VERSION } from './sources.js';

/** PowerShell's ValidateSet lets any casing through: match names the way it does. */
export function pickName<T extends string>(value: unknown, names: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  const found = names.find((name) => name.toLowerCase() === String(value).toLowerCase());
  if (!found) throw invalidArgument(`${what} '${String(value)}' is not one of ${names.join(', ')}.`);
  return found;
}

export function cloudFrom(value: unknown): Cloud | undefined {
  return pickName(value, CLOUDS, 'Cloud');
}

export function regionFrom(value: unknown): MdeRegion | undefined {
  return pickName(value, MDE_REGIONS, 'Region');
}

/** The allowlist for one cloud (MDI) or one data location (MDE). */
export function runCatalog(request: CatalogRequest): CatalogResponse {
  const service = pickName(request.service, ['MDI', 'MDE'] as const, 'Service') ?? 'MDI';
  const notes: string[] = [];
  let entries;
  if (service === 'MDE') {
    const region = regionFrom(request.region);
    if (!region) throw invalidArgument(`Give the Defender for Endpoint data location (region): one of ${MDE_REGIONS.join(', ')}.`);
    entries = mdeCatalog({ region, streamlined: request.streamlined });
    if (request.streamlined && (region === 'UAE' || region === 'GCC' || region === 'GCCHigh' || region === 'DoD')) {
      notes.push(`The catalog names no streamlined test hosts for ${region}: allow the domain line; only the certificate URLs can be probed.`);
    }
  } else {
    const cloud = cloudFrom(request.cloud) ?? 'Commercial';
    const workspace = request.workspace?.trim() || undefined;
    // The same name check as the test command, so the catalog never prints a test URL that cannot exist.
    if (workspace) sensorEndpointFor({ workspace, cloud });
    entries = mdiCatalog({ cloud, workspace, includeLegacy: request.includeLegacy });
    if (!workspace) notes.push('Give a workspace name to fill <workspace> in the sensor API entry.');
  }
  return { schemaVersion: SCHEMA_VERSION, command: 'catalog', catalogVersion: CATALOG_VERSION, entries, notes };
}
