// No import cycle in src/, between files or between folders (probe ↔ verdict, cli ↔ commands were).
// The graph is read with TypeScript's own pre-processor, so `import type`, `export ... from` and
// dynamic `import()` count too: a type-only cycle still ties two layers together.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

type Graph = Map<string, Set<string>>;

function sourceGraph(): Graph {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(SRC, f));
  const graph: Graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((ref) => ref.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(dirname(file), name.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), new Set(targets));
  }
  return graph;
}

/** The same graph with each file replaced by its folder (edges inside one folder dropped). */
function folderGraph(files: Graph): Graph {
  const graph: Graph = new Map();
  for (const [from, targets] of files) {
    const edges = graph.get(dirname(from)) ?? new Set<string>();
    for (const to of targets) if (dirname(to) !== dirname(from)) edges.add(dirname(to));
    graph.set(dirname(from), edges);
  }
  return graph;
}

/** Strongly connected components with more than one member, or a node importing itself (Tarjan). */
export function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** For a readable failure: the imports that make up a cycle. */
const edgesWithin = (graph: Graph, members: string[]): string[] =>
  members.flatMap((from) => [...(graph.get(from) ?? [])].filter((to) => members.includes(to)).map((to) => `${from} -> ${to}`));

describe('import cycles in src/', () => {
  const files = sourceGraph();

  it('the finder sees a cycle when there is one (so an empty answer below means something)', () => {
    const sample: Graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])], ['e', new Set(['e'])]]);
    expect(cycles(sample)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(files.size).toBeGreaterThan(100);
    expect([...files.values()].some((targets) => targets.size > 0)).toBe(true);
  });

  it('no file imports itself back, directly or through others', () => {
    expect(cycles(files).map((members) => edgesWithin(files, members))).toEqual([]);
  });

  it('no two folders import each other (layers point one way)', () => {
    const folders = folderGraph(files);
    const explained = cycles(folders).map((members) =>
      [...files].flatMap(([from, targets]) => [...targets].filter((to) => members.includes(dirname(from)) && members.includes(dirname(to)) && dirname(from) !== dirname(to)).map((to) => `${from} -> ${to}`)));
    expect(explained).toEqual([]);
  });
});
