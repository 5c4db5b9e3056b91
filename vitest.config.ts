import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real Squid/TLS peers: generous but bounded.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Starts PKI, origin servers, three Squids, misbehaving proxies once per run; see tests/harness/.
    globalSetup: ['tests/harness/global-setup.ts'],
    // The default output, then the real-PowerShell count and a plain closing line of totals.
    reporters: ['default', './tests/support/pwsh-count.ts'],
  },
});
