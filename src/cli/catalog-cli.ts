import type { CatalogEntry, CatalogRequest, CatalogResponse, EngineResponse, ErrorResponse, Service } from '../contract/types.js';
import { SCHEMA_VERSION } from '../contract/types.js';
import { MDE_REGIONS } from '../catalog/names.js';
import { CLOUDS } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';
import { canonical, parse as parseFlags, str, type Parsed } from './args.js';

// mdi-connectivity catalog: the allowlist one cloud (MDI) or one data location (MDE) needs,
// as a table for reading or as bare lines for pasting into a proxy's allowlist.

export type CatalogFormat = 'table' | 'list';

export interface CatalogCommand extends Parsed<CatalogRequest> {
  format: CatalogFormat;
}

const SERVICES: Service[] = ['MDI', 'MDE'];

export function parse(argv: string[]): CatalogCommand {
  const v = parseFlags(argv, {
    service: { type: 'string' },
    cloud: { type: 'string' },
    region: { type: 'string' },
    streamlined: { type: 'boolean' },
    workspace: { type: 'string' },
    'include-legacy': { type: 'boolean' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  // --region names a Defender for Endpoint data location, so it implies --service MDE.
  const service = v.service !== undefined ? canonical(str(v.service), SERVICES, '--service') : v.region !== undefined ? 'MDE' : 'MDI';
  const request: CatalogRequest = { schemaVersion: SCHEMA_VERSION, command: 'catalog', service };
  if (service === 'MDE') {
    for (const flag of ['cloud', 'workspace', 'include-legacy']) {
      if (v[flag] !== undefined) throw invalidArgument(`--${flag} applies to Defender for Identity (--service MDI); for MDE give the data location with --region.`);
    }
    if (v.region === undefined) throw invalidArgument(`--service MDE needs --region: one of ${MDE_REGIONS.join(', ')}.`);
    request.region = canonical(str(v.region), [...MDE_REGIONS], '--region');
    if (v.streamlined === true) request.streamlined = true;
  } else {
    for (const flag of ['region', 'streamlined']) {
      if (v[flag] !== undefined) throw invalidArgument(`--${flag} applies to Defender for Endpoint (--service MDE).`);
    }
    if (v.cloud !== undefined) request.cloud = canonical(str(v.cloud), CLOUDS, '--cloud');
    if (v.workspace !== undefined) request.workspace = str(v.workspace);
    if (v['include-legacy'] === true) request.includeLegacy = true;
  }
  const format = v.format === undefined ? 'table' : canonical(str(v.format), ['table', 'list'] as CatalogFormat[], '--format');
  return { request, json: v.json === true, verbose: v.verbose === true, format };
}

export function render(response: Exclude<EngineResponse, ErrorResponse>, parsed: Pick<CatalogCommand, 'format'>): string {
  if (response.command !== 'catalog') return '';
  return parsed.format === 'list' ? renderList(response) : renderTable(response);
}

/**
 * One allowlist line per line, first occurrence order, nothing else: ready for a proxy's allowlist
 * file. The catalog's notes (e.g. "give a workspace name" while a line still reads <workspace>) go
 * to stderr, so stdout stays pastable and the admin still sees them.
 */
export function renderList(response: CatalogResponse, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  for (const note of response.notes) warn(`Note: ${note}`);
  const lines = [...new Set(response.entries.map((entry) => entry.allowlist))];
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function renderTable(response: CatalogResponse): string {
  const header = ['Allowlist', 'Port', 'Category', 'Required', 'Test URL'];
  const rows = response.entries.map((entry) => [
    entry.allowlist,
    String(entry.port),
    entry.category,
    entry.required ? 'required' : 'optional',
    entry.testUrl ?? '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  const required = response.entries.filter((entry) => entry.required).length;
  const tail = [
    `Catalog ${response.catalogVersion}: ${response.entries.length} entries (${required} required, ${response.entries.length - required} optional).`,
    ...entryNotes(response.entries).map((note) => `Note: ${note}`),
    ...response.notes.map((note) => `Note: ${note}`),
  ];
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...tail].join('\n') + '\n';
}

/** Entries' own notes, each text once, with the lines it applies to. */
function entryNotes(entries: CatalogEntry[]): string[] {
  const byNote = new Map<string, string[]>();
  for (const entry of entries) {
    if (!entry.note) continue;
    const lines = byNote.get(entry.note) ?? [];
    if (!lines.includes(entry.allowlist)) lines.push(entry.allowlist);
    byNote.set(entry.note, lines);
  }
  return [...byNote].map(([note, lines]) => `${lines.join(', ')}: ${note}`);
}
