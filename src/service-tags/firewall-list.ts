// A firewall's allowed list as an admin exports or types it: one item per line (the CLI
// and the module send the file's lines as they are), each holding CIDR prefixes or bare
// addresses separated by spaces, commas or semicolons. "#" starts a comment; blank lines
// are skipped. Line numbers in errors are 1-based positions in that list.
//
// Decisions: a bare address is a /32 or /128 block; host bits after the network part
// (10.0.0.5/24) are accepted as firewalls accept them (the block is 10.0.0.0/24); an
// IPv6 address may be bracketed ([2603:1000:4::140]/123); address ranges (a-b) and
// names are refused, with the entry and its line, rather than guessed at.

import { ErrorCode, MdiInputError } from '../errors.js';
import { addressFamily, parsePrefix, prefixProblem, type Prefix } from './cidr.js';

export interface FirewallEntry {
  prefix: Prefix;
  line: number;
}

const MAX_ENTRY = 100;

export function parseFirewallList(lines: readonly string[]): FirewallEntry[] {
  const entries: FirewallEntry[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/#.*$/, '').trim();
    if (text === '') return;
    for (const token of text.split(/[\s,;]+/)) {
      if (token !== '') entries.push({ prefix: parsePrefix(entryText(token, line)), line });
    }
  });
  return entries;
}

function entryText(token: string, line: number): string {
  const unbracketed = token.replace(/^\[([^\]]*)\](\/\d+)?$/, '$1$2');
  const sides = unbracketed.split('-');
  if (sides.length === 2 && sides.every((side) => addressFamily(side.trim()) !== null)) {
    throw bad(token, line, 'address ranges (first-last) are not supported: write the range as CIDR prefixes');
  }
  const problem = prefixProblem(unbracketed, true);
  if (problem) throw bad(token, line, `${problem}; write a CIDR prefix such as 20.36.120.112/29 or 2603:1000:4::140/123, or a single address`);
  return unbracketed;
}

function bad(token: string, line: number, why: string): MdiInputError {
  const shown = token.length > MAX_ENTRY ? `${token.slice(0, MAX_ENTRY - 3)}...` : token;
  return new MdiInputError(ErrorCode.FirewallRangeInvalid, `Firewall entry '${shown}' on line ${line} of the firewall list is not valid: ${why}.`);
}
