import { SCHEMA_VERSION, type EngineResponse, type ErrorResponse, type MdeRegion, type MdeTestRequest, type MdeTestResponse } from '../contract/types.js';
import { MDE_REGIONS } from '../catalog/mde-catalog.js';
import { invalidArgument } from '../errors.js';
import { COMMON, canonical, number, parse as parseFlags, readText, settingsInput, str, type Parsed } from './args.js';

let asAnalyzerText = false;

export function parse(argv: string[]): Parsed<MdeTestRequest> {
  const v = parseFlags(argv, {
    ...COMMON,
    region: { type: 'string' },
    streamlined: { type: 'boolean' },
    'proxy-url': { type: 'string' },
    'trusted-root': { type: 'string', multiple: true },
    'max-connections': { type: 'string' },
    'analyzer-text': { type: 'boolean' },
  });
  if (v.region === undefined) throw invalidArgument(`--region is required: ${MDE_REGIONS.join(', ')}.`);
  const request: MdeTestRequest = {
    schemaVersion: SCHEMA_VERSION,
    command: 'mde-test',
    region: canonical(str(v.region), [...MDE_REGIONS], '--region') as MdeRegion,
    ...settingsInput(v),
  };
  if (v.streamlined === true) request.streamlined = true;
  if (v['proxy-url'] !== undefined) request.proxyUrl = str(v['proxy-url']);
  if (v['trusted-root']) request.trustedRoots = (v['trusted-root'] as string[]).map((path) => readText(path, 'trusted root'));
  if (v['max-connections'] !== undefined) request.maxConnectionsPerProxy = number(v['max-connections'], '--max-connections');
  asAnalyzerText = v['analyzer-text'] === true;
  return { request, json: v.json === true, verbose: v.verbose === true };
}

/** The analyzer's layout on request; otherwise one line per URL and route, failures first. */
export function render(response: Exclude<EngineResponse, ErrorResponse>): string {
  if (response.command !== 'mde-test') return '';
  if (asAnalyzerText) return response.analyzerText.replaceAll('\r\n', '\n');
  return summary(response);
}

function summary(response: MdeTestResponse): string {
  const lines = [
    `Defender for Endpoint ${response.region}${response.streamlined ? ' (streamlined)' : ''}: ${response.passed ? 'every URL reachable' : 'some URLs unreachable on every route'} (${response.urls.length} URLs, ${response.totalMs} ms)`,
    'Routes:',
    ...response.routes.map((r) => `  ${r.number} ${r.label.padEnd(28)} ${r.exists ? 'exists      ' : "doesn't exist"} ${r.reason}`),
    '',
  ];
  const ordered = [...response.urls].sort((a, b) => Number(a.passed) - Number(b.passed));
  for (const url of ordered) {
    lines.push(`${url.passed ? 'PASS' : 'FAIL'} ${url.url} [${url.category}]`);
    for (const result of url.results) {
      if (result.outcome === 'DoesNotExist') continue;
      const code = result.analyzerCode === null ? '' : ` (${result.analyzerCode})`;
      lines.push(`     ${result.route} ${result.outcome}${code} ${result.verdict ?? ''}: ${result.detail}`);
    }
  }
  lines.push(...response.notes.map((note) => `Note: ${note}`));
  return `${lines.join('\n')}\n`;
}
