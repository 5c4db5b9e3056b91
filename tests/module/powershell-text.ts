// Shared by the module's static tests: file lists, and a small PowerShell text scanner that blanks
// comments and strings so checks look at code only (PowerShell itself is not installable here).
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const moduleDir = join(repo, 'module');
export const read = (path: string): string => readFileSync(path, 'utf8');
export const ps1In = (dir: string): string[] =>
  readdirSync(dir).filter((name) => name.endsWith('.ps1')).sort().map((name) => join(dir, name));

export const publicFiles = ps1In(join(moduleDir, 'Public'));
export const privateFiles = ps1In(join(moduleDir, 'Private'));
export const manifestPath = join(repo, 'MDIConnectivity.psd1');
export const scriptFiles = [...publicFiles, ...privateFiles, join(moduleDir, 'MDIConnectivity.psm1'), manifestPath, join(repo, 'build.ps1')];
export const commandName = (path: string): string => basename(path, '.ps1');

/** Fields of a contract interface, following `extends` across the contract's files. */
export function contractFields(name: string): string[] {
  const source = ['types.ts', 'settings-types.ts', 'sensor-config-types.ts', 'catalog-types.ts', 'request-envelope.ts'].map((file) => read(join(repo, 'src', 'contract', file))).join('\n');
  const match = new RegExp(`export interface ${name}(?: extends ([\\w, ]+))? \\{([\\s\\S]*?)\\n\\}`).exec(source);
  const own = [...(match?.[2] ?? '').matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]!);
  const inherited = (match?.[1] ?? '').split(',').map((base) => base.trim()).filter(Boolean).flatMap(contractFields);
  return [...inherited, ...own];
}

/**
 * Blanks PowerShell comments and string contents (newlines kept, so line numbers still match),
 * leaving only code. Double-quoted strings are blanked whole, sub-expressions included.
 */
export function stripPowerShell(text: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  const take = (end: number): void => {
    out += blank(text.slice(i, end));
    i = end;
  };
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    const prev = i === 0 ? '\n' : text[i - 1]!;
    if (two === '<#') {
      const end = text.indexOf('#>', i + 2);
      take(end < 0 ? text.length : end + 2);
    } else if (text[i] === '#' && /[\s;({}]/.test(prev)) {
      const end = text.indexOf('\n', i);
      take(end < 0 ? text.length : end);
    } else if (two === "@'" || two === '@"') {
      const close = new RegExp(`\\n${two[1]}@`, 'g');
      close.lastIndex = i;
      const match = close.exec(text);
      out += two;
      i += 2;
      take(match ? match.index + 1 : text.length);
      out += `${two[1]}@`;
      i += 2;
    } else if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
      out += "'";
      i += 1;
      take(j);
      out += "'";
      i += 1;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '`' ? 2 : 1;
      out += '"';
      i += 1;
      take(j);
      out += '"';
      i += 1;
    } else if (text[i] === '`') {
      out += text.slice(i, i + 2);
      i += 2;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** Constructs Windows PowerShell 5.1 cannot parse or run, with the reason shown on failure. */
const SEVEN_ONLY: Array<[RegExp, string]> = [
  [/\?\?/, 'null-coalescing ?? / ??='],
  [/\?\.|\?\[/, 'null-conditional ?. / ?['],
  [/&&|\|\|/, 'pipeline chain && / ||'],
  [/(?<![|\s])[ \t]+\?[ \t]+[^{\s][^\n]*[ \t]:[ \t]/, 'ternary a ? b : c'],
  [/-Parallel\b/i, 'ForEach-Object -Parallel'],
  [/^\s*clean\s*\{/im, 'clean {} block'],
  [/-AsHashtable\b/i, 'ConvertFrom-Json -AsHashtable'],
  [/ConvertFrom-Json[^\n|]*-Depth\b/i, 'ConvertFrom-Json -Depth'],
  [/-AsArray\b|-EscapeHandling\b/i, 'ConvertTo-Json 6+ parameters'],
  [/-AdditionalChildPath\b|-SkipCertificateCheck\b|\butf8NoBOM\b/i, 'PowerShell 6+ parameter'],
  [/\.StandardInputEncoding\b|\.ArgumentList\b|\.Kill\(\s*\$true/i, '.NET Core-only Process API'],
];

export const sevenOnlyFindings = (code: string): string[] =>
  code.split('\n').flatMap((line, n) => SEVEN_ONLY.filter(([re]) => re.test(line)).map(([, why]) => `line ${n + 1}: ${why}: ${line.trim()}`));

/** Parameter names declared in the first param( ... ) block after the function keyword. */
export function declaredParameters(code: string): string[] {
  const start = code.search(/\bparam\s*\(/i);
  if (start < 0) return [];
  let i = code.indexOf('(', start) + 1;
  let depth = 0;
  let segment = '';
  const segments: string[] = [];
  for (; i < code.length; i++) {
    const c = code[i]!;
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
      segment += ' ';
      continue;
    }
    if (c === ',' && depth === 0) {
      segments.push(segment);
      segment = '';
    } else segment += depth === 0 ? c : ' ';
  }
  segments.push(segment);
  return segments.map((s) => /\$(\w+)/.exec(s)?.[1]).filter((name): name is string => name !== undefined);
}

export interface ParameterDeclaration {
  name: string;
  /** Parameter sets named in its [Parameter(...)] attributes; empty = every set. */
  sets: string[];
  /** Sets in which it is mandatory ('*' when mandatory in every set). */
  mandatoryIn: string[];
  position: number | null;
  /** The declared type, e.g. string, switch, System.Management.Automation.PSCredential. */
  type: string | null;
  /** The raw text of the declaration (attributes included). */
  text: string;
}

/**
 * The first param( ... ) block, one entry per parameter with its parameter sets, read from the raw
 * text (attribute values are strings, which stripPowerShell blanks) split where the code has commas.
 */
export function parameterDeclarations(raw: string): ParameterDeclaration[] {
  const code = stripPowerShell(raw);
  const start = code.search(/\bparam\s*\(/i);
  if (start < 0) return [];
  let i = code.indexOf('(', start) + 1;
  let depth = 0;
  let from = i;
  const ranges: Array<[number, number]> = [];
  for (; i < code.length; i++) {
    const c = code[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) {
      ranges.push([from, i]);
      from = i + 1;
    }
  }
  ranges.push([from, i]);
  const names = declaredParameters(code);
  return ranges.map(([a, b], n) => {
    const text = raw.slice(a, b);
    const attributes = [...text.matchAll(/\[Parameter\(([^\]]*)\)\]/gi)].map((m) => m[1]!);
    const sets: string[] = [];
    const mandatoryIn: string[] = [];
    let position: number | null = null;
    for (const attribute of attributes) {
      const set = /ParameterSetName\s*=\s*'([^']+)'/i.exec(attribute)?.[1];
      if (set) sets.push(set);
      if (/Mandatory\s*=\s*\$true/i.test(attribute)) mandatoryIn.push(set ?? '*');
      const pos = /Position\s*=\s*(\d+)/i.exec(attribute)?.[1];
      if (pos !== undefined) position = Number(pos);
    }
    // Attributes carry parentheses ([Parameter(...)], [AllowNull()]); the type is the bracketed name without.
    const type = [...text.matchAll(/\[([\w.]+(?:\[\])?)\]/g)].map((m) => m[1]!).pop() ?? null;
    return { name: names[n] ?? '', sets, mandatoryIn, position, type, text };
  });
}

export const helpBlock = (text: string): string => /<#([\s\S]*?)#>/.exec(text)?.[1] ?? '';
export const definedFunctions = (code: string): string[] => [...code.matchAll(/^\s*function\s+([\w-]+)/gim)].map((m) => m[1]!);

// Get-Verb on Windows PowerShell 5.1 (Build and Deploy came later, so they are left out).
export const APPROVED_VERBS = new Set(
  ('Add Approve Assert Backup Block Checkpoint Clear Close Compare Complete Compress Confirm Connect Convert ConvertFrom ConvertTo ' +
    'Copy Debug Deny Disable Disconnect Dismount Edit Enable Enter Exit Expand Export Find Format Get Grant Group Hide Import ' +
    'Initialize Install Invoke Join Limit Lock Measure Merge Mount Move New Open Optimize Out Ping Pop Protect Publish Push Read ' +
    'Receive Redo Register Remove Rename Repair Request Reset Resize Resolve Restart Restore Resume Revoke Save Search Select Send ' +
    'Set Show Skip Split Start Step Stop Submit Suspend Switch Sync Test Trace Unblock Undo Uninstall Unlock Unprotect Unpublish ' +
    'Unregister Update Use Wait Watch Write').split(' '),
);

export function psd1Array(text: string, key: string): string[] {
  const match = new RegExp(`\\b${key}\\s*=\\s*@\\(([^)]*)\\)`, 'i').exec(stripComments(text));
  if (!match) return [];
  return [...match[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
}
const stripComments = (text: string): string => text.replace(/<#[\s\S]*?#>/g, '').replace(/(^|\s)#[^\n]*/g, '$1');
export const psd1String = (text: string, key: string): string | undefined =>
  new RegExp(`\\b${key}\\s*=\\s*'([^']*)'`, 'i').exec(stripComments(text))?.[1];


/** A small well-formedness check: balanced tags, quoted attributes, known entities. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (/<\?|<!/.test(body)) problems.push('unexpected declaration or comment');
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|>/g)) {
    if (m[2] === undefined) {
      if (m[0] === '<') problems.push(`stray < at ${m.index}`);
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> does not close the open element`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  const badEntity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(body);
  if (badEntity) problems.push(`bare & at ${badEntity.index}`);
  return problems;
}
