// Which tags of the file belong to the service (FACTS §2): AzureAdvancedThreatProtection for
// Defender for Identity (global only: the service has no regional tags), and
// MicrosoftDefenderForEndpoint plus OneDsCollector for Defender for Endpoint. Exact names
// only: a global tag already holds every regional range, so a regional variant adds nothing.

import type { Service, ServiceTagSummary } from '../contract/types.js';
import { parsePrefix, type Prefix } from './cidr.js';
import type { ServiceTagsFile } from './tags-file.js';

export const SERVICE_TAGS: Readonly<Record<Service, readonly string[]>> = {
  MDI: ['AzureAdvancedThreatProtection'],
  MDE: ['MicrosoftDefenderForEndpoint', 'OneDsCollector'],
};

export interface TagPrefix {
  tag: string;
  prefix: Prefix;
}

export interface SelectedTags {
  summaries: ServiceTagSummary[];
  prefixes: TagPrefix[];
  notes: string[];
}

export function selectTags(file: ServiceTagsFile, service: Service): SelectedTags {
  const summaries: ServiceTagSummary[] = [];
  const prefixes: TagPrefix[] = [];
  const notes: string[] = [];
  for (const name of SERVICE_TAGS[service]) {
    const entry = file.tags.get(name);
    if (!entry) {
      notes.push(`The file (cloud ${file.cloud}) has no ${name} tag: no address can be in it. Check that this is the file for the service's cloud, and that it is recent.`);
      continue;
    }
    const parsed = entry.prefixes.map((text) => parsePrefix(text));
    summaries.push({
      name,
      changeNumber: entry.changeNumber,
      ipv4Prefixes: parsed.filter((p) => p.family === 'IPv4').length,
      ipv6Prefixes: parsed.filter((p) => p.family === 'IPv6').length,
    });
    prefixes.push(...parsed.map((prefix) => ({ tag: name, prefix })));
    const regional = [...file.tags.keys()].filter((other) => other.startsWith(`${name}.`));
    if (regional.length) {
      notes.push(`The file also has regional ${name} tags (${regional.slice(0, 3).join(', ')}${regional.length > 3 ? ', ...' : ''}); the global tag holds their ranges, so only it is checked.`);
    }
  }
  return { summaries, prefixes, notes };
}
