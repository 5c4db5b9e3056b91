import { SCHEMA_VERSION, type EngineResponse, type ErrorResponse, type MdeRegion, type MdeTestRequest, type MdeTestResponse } from '../contract/types.js';
import { MDE_REGIONS } from '../catalog/names.js';
import { invalidArgument } from '../errors.js';
import { COMMON, canonical, number, parse as parseFlags, readText, settingsInput, str, type Parsed } from './args.js';

export interface MdeTestCommand extends Parsed<MdeTestRequest> {
  /** Print the Client Analyzer's layout instead of the summary. */
  analyzerText: boolean;
}

export function parse(argv: string[]): MdeTestCommand {
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
  return { request, json: v.json === true, verbose: v.verbose === true, analyzerText: v['analyzer-text'] === true };
}

/** The analyzer's layout on request; otherwise one line per URL and route, failures first. */
export function render(response: Exclude<EngineResponse, ErrorResponse>, parsed: MdeTestCommand): string {
  if (response.command !== 'mde-test') return '';
  if (parsed.analyzerText) return response.analyzerText.replaceAll('\r\n', '\n');
  return summary(response);
}

function summary(response: MdeTestResponse): string {
  const lines = [
    `Defender for Endpoint ${response.region}${response.streamlined ? ' (streamlined)' : ''}: ${headline(response)} (${response.urls.length} URLs, ${response.totalMs} ms)`,
    'Routes:',
    ...response.routes.map((route) => `  ${route.number} ${route.label.padEnd(28)} ${routeState(response, route)}${route.reason}`),
    '',
  ];
  // Failures first; a route that worked needs no explanation.
  const ordered = [...response.urls].sort((a, b) => Number(a.passed) - Number(b.passed));
  for (const url of ordered) {
    lines.push(`${url.passed ? 'PASS' : 'FAIL'} ${url.url} [${url.category}]`);
    for (const result of url.results) {
      if (result.outcome === 'DoesNotExist') continue;
      const code = result.analyzerCode === null ? '' : ` (${result.analyzerCode})`;
      const why = result.outcome === 'Succeeded' ? '' : ` ${result.verdict ?? ''}: ${result.detail}`;
      lines.push(`     ${result.route} ${result.outcome}${code}${why}`);
    }
  }
  lines.push(...response.notes.map((note) => `Note: ${note}`));
  return `${lines.join('\n')}\n`;
}

type Route = MdeTestResponse['routes'][number];

/**
 * The analyzer's rule decides the exit code (a URL passes when one route reaches it), but a route
 * that fails is named here too: the sensor may use exactly that route (the command-line proxy, say).
 */
function headline(response: MdeTestResponse): string {
  const failing = response.routes
    .filter((route) => route.exists && failedOn(response, route) > 0)
    .map((route) => `route ${route.number} (${route.label}) failed ${failedOn(response, route)} of ${response.urls.length} URLs`);
  if (!response.passed) return `some URLs unreachable on every route${failing.length ? `; ${failing.join(', ')}` : ''}`;
  if (failing.length === 0) return 'every URL reachable on every route that exists';
  return `every URL reachable on at least one route, but ${failing.join(' and ')}`;
}

function failedOn(response: MdeTestResponse, route: Route): number {
  return response.urls.filter((url) => url.results[route.number - 1]?.outcome === 'Failed').length;
}

/** "doesn't exist", or how many URLs failed along the route. */
function routeState(response: MdeTestResponse, route: Route): string {
  if (!route.exists) return "doesn't exist: ";
  const failed = failedOn(response, route);
  return failed ? `${failed} of ${response.urls.length} URLs failed: ` : 'every URL succeeded: ';
}
