// `mdi-connectivity service-tags`: argv → request (the files are read here, as the module
// reads them), and the text view of the answer. Usage in args.ts USAGE.

import { basename } from 'node:path';
import { SCHEMA_VERSION, type Cloud, type EngineResponse, type ErrorResponse, type MdeRegion, type Service, type ServiceTagsRequest, type ServiceTagsResponse } from '../contract/types.js';
import { invalidArgument } from '../errors.js';
import { parse as parseOptions, readText, str, type Parsed } from './args.js';
import { DEFAULT_TIMEOUT_SEC } from '../request/probe-options.js';
import { readStdin } from './stdin.js';

export async function parse(argv: string[]): Promise<Parsed<ServiceTagsRequest>> {
  const v = parseOptions(argv, {
    file: { type: 'string' },
    service: { type: 'string' },
    workspace: { type: 'string' },
    cloud: { type: 'string' },
    region: { type: 'string' },
    streamlined: { type: 'boolean' },
    host: { type: 'string', multiple: true },
    firewall: { type: 'string' },
    resolve: { type: 'string', multiple: true },
    'timeout-sec': { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  if (v.file === undefined) throw invalidArgument('--file is required: the ServiceTags_<cloud>_<date>.json file from the Microsoft Download Center.');
  const file = str(v.file);
  const request: ServiceTagsRequest = {
    schemaVersion: SCHEMA_VERSION,
    command: 'service-tags',
    serviceTagsJson: readText(file, 'service tags'),
    serviceTagsFileName: basename(file),
  };
  // Names are checked by the engine, the same way for the CLI and the module.
  if (v.service !== undefined) request.service = str(v.service) as Service;
  if (v.workspace !== undefined) request.workspace = str(v.workspace);
  if (v.cloud !== undefined) request.cloud = str(v.cloud) as Cloud;
  if (v.region !== undefined) request.region = str(v.region) as MdeRegion;
  if (v.streamlined === true) request.streamlined = true;
  if (v.host) request.hosts = v.host as string[];
  if (v.resolve) request.resolve = v.resolve as string[];
  if (v['timeout-sec'] !== undefined) {
    const seconds = Number(v['timeout-sec']);
    if (!Number.isFinite(seconds)) throw invalidArgument(`--timeout-sec '${str(v['timeout-sec'])}' is not a number.`);
    request.timeoutSec = seconds;
  }
  if (v.firewall !== undefined) {
    const source = str(v.firewall);
    // Every line goes to the engine, comments and blanks included, so its errors name the file's line numbers.
    const text = source === '-'
      ? await readStdin({ what: 'the firewall list', deadlineMs: (request.timeoutSec ?? DEFAULT_TIMEOUT_SEC) * 1000, hint: 'Pipe the list and close stdin, or give --firewall <file>.' })
      : readText(source, 'firewall list');
    request.firewallRanges = text.split(/\r?\n/);
  }
  return { request, json: v.json === true, verbose: v.verbose === true };
}

export function render(response: Exclude<EngineResponse, ErrorResponse>): string {
  if (response.command !== 'service-tags') return '';
  const rows: [string, string][] = [
    ['Result', `${response.passed ? 'PASSED' : 'FAILED'}: ${summary(response)}`],
    ['File', `cloud ${response.cloud}, change ${response.changeNumber}${response.fileDate ? `, published ${response.fileDate}` : ''}`],
    ['Service', response.service],
  ];
  for (const tag of response.tags) {
    rows.push(['Tag', `${tag.name}: ${tag.ipv4Prefixes} IPv4 and ${tag.ipv6Prefixes} IPv6 prefixes${tag.changeNumber === null ? '' : ` (change ${tag.changeNumber})`}`]);
  }
  for (const host of response.hosts) {
    rows.push(['Host', `${host.host}: ${host.error ? `not checked: ${host.error}` : host.passed ? 'every address in the tag' : 'OUTSIDE the tag'}`]);
    for (const a of host.addresses) rows.push(['', `  ${a.address.padEnd(24)} ${a.inTag ? `in ${a.tag} ${a.prefix}` : 'not in any prefix of the tag'}`]);
  }
  const fw = response.firewall;
  if (fw) {
    const total = fw.covered + fw.missing.length;
    rows.push(['Firewall', `${fw.covered} of ${total} tag prefixes covered; ${fw.missing.length} missing, ${fw.stale.length} stale, ${fw.broader.length} broader`]);
    for (const [label, list] of [['Missing', fw.missing], ['Stale', fw.stale], ['Broader', fw.broader]] as const) {
      for (const prefix of list) rows.push([label, prefix]);
    }
  }
  for (const note of response.notes) rows.push(['Note', note]);
  const width = Math.max(12, ...rows.map(([label]) => label.length + 2));
  return `${rows.map(([label, value]) => `${label.padEnd(width)}${value}`.trimEnd()).join('\n')}\n`;
}

function summary(response: ServiceTagsResponse): string {
  const parts: string[] = [];
  if (response.hosts.length) parts.push(`${response.hosts.filter((h) => h.passed).length} of ${response.hosts.length} hosts in the tag`);
  if (response.firewall) parts.push(response.firewall.passed ? 'the firewall list matches the tag' : 'the firewall list does not match the tag');
  return parts.length ? parts.join('; ') : 'nothing checked';
}
