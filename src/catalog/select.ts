import type { CatalogRequest, CatalogResponse } from '../contract/types.js';
import { SCHEMA_VERSION } from '../contract/types.js';
import { sensorEndpointFor } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';
import { mdeCatalog } from './mde-catalog.js';
import { mdiCatalog } from './mdi-catalog.js';
import { MDE_REGIONS, cloudFrom, pickName, regionFrom } from './names.js';
import { CATALOG_VERSION } from './sources.js';

/** The allowlist for one cloud (MDI) or one data location (MDE). */
export function runCatalog(request: CatalogRequest): CatalogResponse {
  const service = pickName(request.service, ['MDI', 'MDE'] as const, 'Service') ?? 'MDI';
  const notes: string[] = [];
  let entries;
  if (service === 'MDE') {
    const region = regionFrom(request.region);
    if (!region) throw invalidArgument(`Give the Defender for Endpoint data location (region): one of ${MDE_REGIONS.join(', ')}.`);
    entries = mdeCatalog({ region, streamlined: request.streamlined });
    if (request.streamlined && !entries.some((entry) => entry.category === 'Streamlined' && entry.testUrl)) {
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
