// Windows command lines, both ways. A Windows program gets one string and splits it
// itself; "Azure ATP sensor Setup.exe" and the .NET Deployer split it the way the
// Microsoft C runtime does (CommandLineToArgvW rules): whitespace separates, "..."
// groups, \" is a literal quote, backslashes are literal except before a quote.
// cmd.exe comes first when the line is typed at a prompt: it does not know \" and
// only tracks "..." to decide where & | < > ^ are operators; ^ escapes them outside.

const CMD_SPECIAL = new Set(['&', '|', '<', '>', '^']);

/** `value` quoted so the program receives exactly it (always quoted, as the docs show ProxyUrl="…"). */
export function quoteArgument(value: string): string {
  let out = '"';
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    // Backslashes before a quote are escapes: double them, then escape the quote itself.
    out += ch === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${ch}`;
    backslashes = 0;
  }
  // Before the closing quote, backslashes would escape it: double them.
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * The same line made safe to type at cmd.exe: after a quote inside a value cmd thinks
 * the quoted part ended, so operators there get a ^ (which cmd removes again).
 */
export function escapeForCmd(line: string): string {
  let out = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && CMD_SPECIAL.has(ch)) out += '^';
    out += ch;
  }
  return out;
}

/** What cmd.exe hands the program: ^ escapes outside "..." removed. */
export function unescapeCmd(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '^') {
      i += 1;
      if (i < line.length) out += line[i];
      continue;
    }
    out += ch;
  }
  return out;
}

export interface SplitLine {
  args: string[];
  /** A quote was still open at the end of the line. */
  unterminated: boolean;
}

/**
 * Splits like the Microsoft C runtime (2008 and later): 2n backslashes + quote give n
 * backslashes and toggle quoting, 2n+1 give n backslashes and a literal quote, and ""
 * inside quotes is a literal quote (the msiexec habit of doubling quotes also reads right).
 */
export function splitCommandLine(line: string): SplitLine {
  const args: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i += 1;
    if (i >= line.length) break;
    let arg = '';
    while (i < line.length) {
      const ch = line[i]!;
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n += 1;
          i += 1;
        }
        if (line[i] !== '"') {
          arg += '\\'.repeat(n);
          continue;
        }
        arg += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          arg += '"';
          i += 1;
          continue;
        }
      }
      if (line[i] === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i += 2;
          continue;
        }
        quoted = !quoted;
        i += 1;
        continue;
      }
      arg += line[i];
      i += 1;
    }
    args.push(arg);
  }
  return { args, unterminated: quoted };
}
