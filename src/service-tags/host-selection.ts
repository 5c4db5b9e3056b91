// Which names to check against the tag: the caller's, or the catalog's hosts that the
// service's tag is meant to hold. Not every allowlisted host is in a service tag:
//  - Defender for Identity: only the sensor API (<workspace>sensorapi.atp...). The
//    certificate allowlist and revocation hosts (crl.microsoft.com, ctldl.windowsupdate.com,
//    www.microsoft.com) are served by CDNs, outside AzureAdvancedThreatProtection.
//  - Defender for Endpoint: the service URLs with a test URL, except Certificates (the same
//    CDN hosts), Authentication (login.microsoftonline.com and friends belong to the
//    Entra ID tag, not to MicrosoftDefenderForEndpoint or OneDsCollector) and Storage
//    (*.blob.core.windows.net is Azure Storage, in the Storage tags). Microsoft publishes
//    the static ranges for streamlined connectivity: with the standard list a note says so.

import { isIP } from 'node:net';
import type { CatalogEntry, Cloud, EndpointCategory, MdeRegion, Service } from '../contract/types.js';
import { mdeCatalog } from '../catalog/mde-catalog.js';
import { mdiCatalog } from '../catalog/mdi-catalog.js';
import { sensorEndpointFor } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';
import { term } from '../front-end.js';

export interface HostTarget {
  host: string;
  port: number;
}

export interface HostSelection {
  service: Service;
  cloud?: Cloud;
  region?: MdeRegion;
  workspace?: string;
  streamlined?: boolean;
  hosts?: string[];
}

const NOT_IN_MDE_TAGS: ReadonlySet<EndpointCategory> = new Set(['Certificates', 'Authentication', 'Storage']);
const NAME = /^[a-z0-9_]([a-z0-9_.-]{0,252})$/i;

export function selectHosts(selection: HostSelection, notes: string[]): HostTarget[] {
  if (selection.hosts && selection.hosts.length > 0) return dedupe(selection.hosts.map(namedHost));
  if (selection.service === 'MDI') {
    if (!selection.workspace) {
      notes.push(`No host was checked: give the workspace name (${term('workspace')}) to check the sensor API host, or name hosts with ${term('host')}.`);
      return [];
    }
    const cloud = selection.cloud ?? 'Commercial';
    sensorEndpointFor({ workspace: selection.workspace, cloud }); // refuses a name that is not a workspace
    notes.push('Only the sensor API host is checked: the certificate allowlist hosts (crl.microsoft.com, ctldl.windowsupdate.com, www.microsoft.com) are served by CDNs outside AzureAdvancedThreatProtection; allow them by name on the proxy.');
    return fromCatalog(mdiCatalog({ cloud, workspace: selection.workspace.trim() }).filter((e) => e.category === 'SensorApi'));
  }
  if (!selection.region) throw invalidArgument(`Give the Defender for Endpoint data location (${term('region')}): one of US, EU, UK, AU, UAE, GCC, GCCHigh, DoD; or name hosts with ${term('host')}.`);
  const entries = mdeCatalog({ region: selection.region, streamlined: selection.streamlined }).filter((e) => e.testUrl !== null && !NOT_IN_MDE_TAGS.has(e.category));
  const categories = [...new Set(entries.map((e) => e.category))].join(', ');
  notes.push(`Checked the ${selection.region}${selection.streamlined ? ' streamlined' : ''} catalog hosts of ${categories || 'no category'}. Not checked, because they are not in the Defender for Endpoint tags: Certificates (CDN-hosted), Authentication (Entra ID sign-in, in the AzureActiveDirectory tag) and Storage (blob storage, in the Storage tags); wildcard lines name no single host.`);
  if (!selection.streamlined) notes.push(`Microsoft publishes the Defender for Endpoint static IP ranges for streamlined connectivity (${term('streamlined')}); some standard-list hosts may resolve outside the tags.`);
  return fromCatalog(entries);
}

function fromCatalog(entries: CatalogEntry[]): HostTarget[] {
  return dedupe(entries.flatMap((entry) => (entry.testUrl ? [{ host: new URL(entry.testUrl).hostname, port: entry.port }] : [])));
}

/** A host name, or a URL pasted from the allowlist (its host and port are used). */
function namedHost(raw: string): HostTarget {
  const text = raw.trim();
  if (text.includes('://')) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalidArgument(`Host '${raw}' is not a host name or URL.`);
    }
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase(), port };
  }
  const host = text.replace(/\.$/, '').toLowerCase();
  if (!NAME.test(host) && isIP(host) === 0) throw invalidArgument(`Host '${raw}' is not a host name: give a name such as contoso-corpsensorapi.atp.azure.com, without a path or wildcard.`);
  return { host, port: 443 };
}

function dedupe(targets: HostTarget[]): HostTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = `${target.host}:${target.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
