// A real parser check for every PowerShell file in the repo. PowerShell (pwsh) cannot be installed
// on this machine, so the files are parsed with the tree-sitter PowerShell grammar instead
// (tree-sitter-powershell's prebuilt .wasm, loaded by web-tree-sitter: no native build). It checks
// syntax only, not 5.1-vs-7 semantics (module-static.test.ts looks for 7-only syntax): a file
// passes when its tree has no ERROR or MISSING node.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { repo, scriptFiles } from './powershell-text.js';

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Every .ps1/.psm1/.psd1 under the repo, outside node_modules and .git. */
function powershellFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : powershellFiles(path);
    return /\.ps(1|m1|d1)$/i.test(entry.name) ? [path] : [];
  }).sort();
}

interface SyntaxProblem { line: number; column: number; kind: string; text: string }

/** ERROR and MISSING nodes, 1-based line and column, with the offending text (or its line). */
function syntaxProblems(parser: Parser, source: string): SyntaxProblem[] {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const problems: SyntaxProblem[] = [];
  const lines = source.split(/\r?\n/);
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      const { row, column } = node.startPosition;
      const first = node.text.split(/\r?\n/)[0]!.trim();
      const text = node.isMissing ? `missing ${JSON.stringify(node.type)} in: ${lines[row]?.trim() ?? ''}`
        : first || `(empty) in: ${lines[row]?.trim() ?? ''}`;
      problems.push({ line: row + 1, column: column + 1, kind: node.isMissing ? 'MISSING' : 'ERROR', text: text.slice(0, 160) });
      if (node.isMissing) return;
    }
    if (node.hasError || node.isError) for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return problems;
}

const report = (file: string, problems: SyntaxProblem[]): string =>
  problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.text}`).join('\n');

describe('PowerShell files parse (tree-sitter grammar)', () => {
  const files = powershellFiles(repo);
  let parser: Parser;

  beforeAll(async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const grammar = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
    parser = new Parser();
    parser.setLanguage(await Language.load(readFileSync(grammar)));
  });

  it('finds the module, manifest and build script', () => {
    expect(files).toEqual(expect.arrayContaining(scriptFiles));
  });

  it('reports a deliberately broken snippet (negative control)', () => {
    const problems = syntaxProblems(parser, 'function f { if ($x) { }');
    expect(problems.length).toBeGreaterThan(0);
    expect(report('snippet.ps1', problems)).toMatch(/^snippet\.ps1:\d+:\d+ (ERROR|MISSING): /);
    expect(syntaxProblems(parser, 'function f { if ($x) { } }')).toEqual([]);
  });

  it.each(files.map((f) => [relative(repo, f), f]))('%s has no ERROR or MISSING node', (name, file) => {
    const problems = syntaxProblems(parser, readFileSync(file, 'utf8'));
    expect(problems, report(name, problems)).toEqual([]);
  });
});
