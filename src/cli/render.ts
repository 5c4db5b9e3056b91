import type { CheckResult, TestResponse } from '../contract/types.js';

/** The human view of a test run: what, verdict, why, fix, and where the time went. */
export function renderText(response: TestResponse): string {
  return response.checks.map(renderCheck).join('\n\n') + '\n';
}

function renderCheck(check: CheckResult): string {
  const status = check.httpStatus === null ? '' : ` (HTTP ${check.httpStatus})`;
  const lines = [
    ['Target', check.target],
    ['Verdict', `${check.verdict}${status}`],
    ['Proxy', check.proxy ?? 'none (direct)'],
    ['Detail', check.detail],
    ['Fix', check.remediation],
    ['Phases', `${check.phases.map((p) => `${p.name} ${p.ms} ms${p.ok ? '' : ' (failed)'}`).join(', ')}; total ${check.totalMs} ms`],
  ];
  if (check.certificateChain.length) lines.push(['Chain', check.certificateChain.map((c) => c.subject).join(' > ')]);
  if (check.proxyAnswer && check.proxyAnswer.statusCode !== 200) {
    lines.push(['Proxy said', `${check.proxyAnswer.statusCode} ${check.proxyAnswer.statusText}`]);
  }
  return lines.map(([name, value]) => `${name!.padEnd(11)}${value}`).join('\n');
}
