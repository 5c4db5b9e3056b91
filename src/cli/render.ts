import type { CheckResult, CopySettingsResponse, RootCertificateReport, SettingsResponse, TestResponse } from '../contract/types.js';

/**
 * The human view of a test run: the sensor API in full (what, verdict, why, fix,
 * where the time went), then one line per allowlist URL and route (a failure adds
 * its detail and fix underneath), then the required roots.
 */
export function renderTest(response: TestResponse): string {
  const notes = response.notes.map((note) => ['Note', note]);
  const sensor = response.checks.filter((check) => check.category === 'SensorApi');
  const others = response.checks.filter((check) => check.category !== 'SensorApi');
  const blocks = [...sensor.map(renderCheck)];
  if (others.length) blocks.push(renderAllowlist(others));
  if (response.rootCertificates) blocks.push(renderRoots(response.rootCertificates));
  if (notes.length) blocks.push(table(notes));
  blocks.push(`${response.passed ? 'PASSED' : 'FAILED'}: ${response.checks.length} checks in ${response.totalMs} ms`);
  return blocks.join('\n\n') + '\n';
}

function renderAllowlist(checks: CheckResult[]): string {
  const rows = checks.flatMap((check) => {
    const optional = check.required ? '' : ' (optional)';
    const via = check.proxy ? ` via ${check.proxy}` : '';
    const row = `${check.passed ? 'ok  ' : 'FAIL'} ${check.verdict.padEnd(22)} ${check.target}${via}${optional}`;
    return check.passed ? [row] : [row, `       ${check.detail}`, `       Fix: ${check.remediation}`];
  });
  return ['Allowlist', ...rows].join('\n');
}

function renderRoots(report: RootCertificateReport): string {
  const rows = report.roots.map((root) =>
    [root.present ? 'present' : 'MISSING', `${root.name}  ${root.thumbprint}  ${root.requiredFor}${root.expired ? '  EXPIRED' : ''}`]);
  return [`Roots in ${report.store}`, table(rows), table([['Detail', report.detail], ...(report.passed ? [] : [['Fix', report.remediation]])])].join('\n');
}

function renderCheck(check: CheckResult): string {
  const status = check.httpStatus === null ? '' : ` (HTTP ${check.httpStatus})`;
  const lines = [
    ['Target', check.target],
    ['Verdict', `${check.verdict}${status}`],
    ['Proxy', check.proxy ?? 'none (direct)'],
    ['Route', `${check.routeSource}${check.routeAccounts.length ? ` [${check.routeAccounts.join(', ')}]` : ''}: ${check.routeReason}`],
    ['Detail', check.detail],
    ['Fix', check.remediation],
    ['Phases', `${check.phases.map((p) => `${p.name} ${p.ms} ms${p.ok ? '' : ' (failed)'}`).join(', ')}; total ${check.totalMs} ms`],
  ];
  if (check.certificateChain.length) lines.push(['Chain', check.certificateChain.map((c) => c.subject).join(' > ')]);
  if (check.proxyAnswer && check.proxyAnswer.statusCode !== 200) {
    lines.push(['Proxy said', `${check.proxyAnswer.statusCode} ${check.proxyAnswer.statusText}`]);
  }
  return table(lines);
}

export function renderSettings(response: SettingsResponse): string {
  const scopes = response.scopes.map((scope) => {
    if (!scope.present) return [scope.scope, 'not set'];
    if (!scope.settings) return [scope.scope, `unreadable: ${scope.error?.message ?? 'unknown'}`];
    const s = scope.settings;
    const parts = [
      s.useProxy ? `proxy ${s.proxyServer || '(empty)'}` : 'no manual proxy',
      s.bypassList ? `bypass ${s.bypassList}` : '',
      s.useAutoConfigUrl ? `PAC ${s.autoConfigUrl}` : '',
      s.autoDetect ? 'auto-detect' : '',
    ].filter(Boolean);
    return [scope.scope, parts.join('; ')];
  });
  const routes = response.routes.map((route) => [route.account, `${route.proxyUrl ?? 'direct'} (${route.source}): ${route.reason}`]);
  const sections = [
    `Settings from ${response.source === 'regFile' ? 'a .reg file' : 'the registry'}${response.machineWide ? ' (machine-wide policy in force)' : ''}`,
    table(scopes),
    `Routes for ${response.url}`,
    table(routes),
  ];
  if (response.differences.length) sections.push('Differences', response.differences.map((line) => `- ${line}`).join('\n'));
  return sections.join('\n') + '\n';
}

export function renderCopy(response: CopySettingsResponse, whatIf: boolean, written: string[]): string {
  const lines = response.targets.map((target) =>
    [target.scope, `${target.unchanged ? 'already equal to' : 'will be set to'} the current user's value (${target.location})`]);
  const tail = whatIf ? ['What if: nothing written.'] : written.map((path) => `Wrote ${path}`);
  return [table(lines), ...tail].join('\n') + '\n';
}

function table(rows: string[][]): string {
  // One width for every block of a run ('Proxy said' is the longest label), so they line up.
  const width = Math.max(12, ...rows.map(([name]) => (name?.length ?? 0) + 2));
  return rows.map(([name, value]) => `${name!.padEnd(width)}${value}`).join('\n');
}
