// A Node.js stand-in for MDI_NODE that keeps a copy of every request the module sends to the engine
// ("node <engine> invoke", JSON on stdin) and then runs the real Node with it, so a test can check each
// request against the generated contract schema. POSIX shell only (the tests run on Linux).
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeForModule } from './pwsh.js';

const shellQuote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

export interface CaptureNode {
  /** Give this as $env:MDI_NODE. */
  path: string;
  /** Every request sent so far, oldest first. */
  requests(): Array<Record<string, unknown>>;
  /** The arguments and environment of every engine start, as text. */
  launches(): Array<{ args: string; env: string }>;
}

export function captureNode(): CaptureNode {
  const dir = mkdtempSync(join(tmpdir(), 'mdi-capture-'));
  const path = join(dir, 'node');
  writeFileSync(path, [
    '#!/bin/sh',
    `if [ "$2" = "invoke" ]; then`,
    `  f=${shellQuote(dir)}/request-$(date +%s%N)-$$.json`,
    '  cat > "$f"',
    // What the child got besides stdin: its arguments and environment, for the secret checks.
    `  printf '%s\\n' "$@" > "$f.args"`,
    '  env > "$f.env"',
    `  exec ${shellQuote(nodeForModule)} "$@" < "$f"`,
    'fi',
    `exec ${shellQuote(nodeForModule)} "$@"`,
    '',
  ].join('\n'));
  chmodSync(path, 0o755);
  return {
    path,
    launches: () => readdirSync(dir).filter((n) => n.endsWith('.json')).sort()
      .map((n) => ({ args: readFileSync(join(dir, `${n}.args`), 'utf8'), env: readFileSync(join(dir, `${n}.env`), 'utf8') })),
    requests: () => readdirSync(dir).filter((n) => n.endsWith('.json')).sort()
      .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as Record<string, unknown>),
  };
}
