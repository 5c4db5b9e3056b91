// `service-tags`: is every address the service's hosts resolve to inside the service's Azure
// service tag, and does a firewall's allowed list match the tag? The file is read by the
// caller (CLI or module) and arrives as text; see src/service-tags/ for each step.

import type { Cloud, MdeRegion, Service, ServiceTagsRequest, ServiceTagsResponse } from '../contract/types.js';
import { SCHEMA_VERSION } from '../contract/types.js';
import { cloudFrom, pickName, regionFrom } from '../catalog/names.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import type { PhaseLog } from '../probe/phases.js';
import { commonProbeOptions } from '../request/probe-options.js';
import { compareFirewall } from '../service-tags/firewall-compare.js';
import { parseFirewallList } from '../service-tags/firewall-list.js';
import { fileAgeDays, fileDateFrom } from '../service-tags/file-date.js';
import { selectHosts } from '../service-tags/host-selection.js';
import { hostResult } from '../service-tags/membership.js';
import { resolveTargets, MAX_PARALLEL_LOOKUPS, type Resolver } from '../service-tags/resolve-hosts.js';
import { selectTags } from '../service-tags/tag-selection.js';
import { readServiceTagsFile } from '../service-tags/tags-file.js';

/** A file older than this gets a note: Microsoft publishes a new one every week. */
const OLD_FILE_DAYS = 30;

export interface ServiceTagsOptions {
  now?: number;
  /** Tests replace name resolution; the engine always uses resolveHost. */
  resolver?: Resolver;
}

export async function runServiceTags(request: ServiceTagsRequest, log: PhaseLog, options: ServiceTagsOptions = {}): Promise<ServiceTagsResponse> {
  // Everything the caller typed is checked before the file is read or a name is resolved.
  const service: Service = pickName(request.service, ['MDI', 'MDE'] as const, 'Service') ?? 'MDI';
  const cloud = cloudFrom(request.cloud);
  const region = regionFrom(request.region);
  const { resolve: overrides, timeoutMs } = commonProbeOptions(request);
  const firewallEntries = request.firewallRanges ? parseFirewallList(request.firewallRanges) : null;
  if (typeof request.serviceTagsJson !== 'string') {
    throw new MdiInputError(ErrorCode.ServiceTagsInvalid, 'No service tags file was given: download ServiceTags_Public_<date>.json (or _AzureGovernment_, _China_) from the Microsoft Download Center and pass its path.');
  }
  const notes: string[] = [];
  const targets = selectHosts({ service, cloud, region, workspace: request.workspace, streamlined: request.streamlined, hosts: request.hosts }, notes);

  const file = readServiceTagsFile(request.serviceTagsJson);
  const fileDate = fileDateFrom(request.serviceTagsFileName);
  log(`Service tags file: cloud ${file.cloud}, change ${file.changeNumber}, ${file.tags.size} tags${fileDate ? `, published ${fileDate}` : ''}.`);
  const selected = selectTags(file, service);
  const expected = request.hosts?.length && !cloud && !region ? null : expectedCloud(service, cloud, region);
  notes.push(...selected.notes, ...fileNotes(file.cloud, expected, fileDate, options.now ?? Date.now()));

  if (targets.length) log(`Resolving ${targets.length} name(s), ${MAX_PARALLEL_LOOKUPS} at a time.`);
  const resolutions = await resolveTargets(targets, overrides, timeoutMs, options.resolver);
  const hosts = resolutions.map((r) => {
    const result = hostResult(r.target.host, r.addresses, r.error, selected.prefixes);
    log(`${result.host}: ${result.error ?? result.addresses.map((a) => `${a.address} ${a.inTag ? `in ${a.tag} ${a.prefix}` : 'outside the tag'}`).join(', ')}`);
    return result;
  });

  const firewall = firewallEntries ? compareFirewall(selected.prefixes.map((p) => p.prefix), firewallEntries) : null;
  if (firewall) notes.push(...firewallNotes(firewallEntries!.length, firewall.missing, selected.prefixes.some((p) => p.prefix.family === 'IPv6'), firewallEntries!.some((e) => e.prefix.family === 'IPv6')));
  const checked = hosts.length > 0 || firewall !== null;
  if (!checked) notes.push('Nothing was checked, so the result is not a pass: name hosts, a workspace or region, or give a firewall list.');
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'service-tags',
    cloud: file.cloud,
    changeNumber: file.changeNumber,
    fileDate,
    service,
    tags: selected.summaries,
    hosts,
    firewall,
    passed: checked && hosts.every((h) => h.passed) && (firewall?.passed ?? true),
    notes,
  };
}

/** The file a service in this cloud or data location publishes its ranges in. */
function expectedCloud(service: Service, cloud: Cloud | undefined, region: MdeRegion | undefined): string | null {
  const government = service === 'MDI' ? cloud === 'GCCHigh' || cloud === 'DoD' : region === 'GCCHigh' || region === 'DoD';
  if (service === 'MDE' && !region) return null;
  return government ? 'AzureGovernment' : 'Public';
}

function fileNotes(fileCloud: string, expected: string | null, fileDate: string | null, now: number): string[] {
  const notes: string[] = [];
  if (expected && fileCloud.toLowerCase() !== expected.toLowerCase()) {
    notes.push(`This file is for cloud ${fileCloud}, but the service's addresses are published in the ${expected} file (ServiceTags_${expected}_<date>.json).`);
  }
  if (fileDate) {
    const age = fileAgeDays(fileDate, now);
    if (age > OLD_FILE_DAYS) notes.push(`The file is ${age} days old; Microsoft publishes a new one every week: download the current file before changing a firewall.`);
  }
  return notes;
}

function firewallNotes(entryCount: number, missing: string[], tagHasV6: boolean, listHasV6: boolean): string[] {
  const notes: string[] = [];
  if (entryCount === 0) notes.push('The firewall list holds no entry (only comments or blank lines).');
  if (tagHasV6 && !listHasV6 && missing.some((prefix) => prefix.includes(':'))) {
    notes.push('The firewall list has no IPv6 entry, so the tag\'s IPv6 prefixes are missing; if the sensors reach Azure over IPv4 only, those can be ignored.');
  }
  if (missing.length) notes.push('New ranges in the file are not used for at least a week after publication: add the missing ones now, before they are.');
  return notes;
}
