// The module's seam narrates each phase on stderr (VERBOSE: lines, re-emitted as Write-Verbose and
// progress) unless the request says narrate: false, which the module sends when nobody would see them.
import { describe, expect, inject, it } from 'vitest';
import { asTest, invokeEngine } from '../support/engine.js';

const h = inject('harness');
const request = { sensorApiUrl: h.targets.ok.url, proxyUrl: h.squid.urls.open, trustedRoots: [h.pki.root.certPem], timeoutSec: 10 };

describe('invoke: narration on request', () => {
  it('narrates every phase by default', async () => {
    const run = await invokeEngine(request);
    expect(asTest(run.response).checks[0]!.verdict).toBe('Pass');
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('VERBOSE: '));
    expect(lines.some((line) => line.includes('checking '))).toBe(true);
  });

  it('with narrate: false, gives the same answer and writes nothing on stderr', async () => {
    const run = await invokeEngine({ ...request, narrate: false });
    expect(asTest(run.response).checks[0]!.verdict).toBe('Pass');
    expect(run.stderr).toBe('');
  });

  it('refuses a narrate that is not a boolean, by name', async () => {
    const run = await invokeEngine({ ...request, narrate: 'no' as unknown as boolean });
    expect('error' in run.response && run.response.error.code).toBe('MDI_INVALID_REQUEST');
    expect('error' in run.response && run.response.error.message).toContain('narrate');
  });
});
