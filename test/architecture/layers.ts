// The import rules of docs/architecture.md, checked on a source tree: every import of
// every .ts file under `<root>/src`, each file's layer, the layers it may import, and
// every import circle. layers.test.ts runs it on the project and on a fixture tree
// that breaks the rules on purpose.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** How a file reaches another: `import … from`, `export … from`, `import('…')`,
 * `new Worker(new URL('…', import.meta.url))`. */
export type ImportKind = 'import' | 'export' | 'dynamic' | 'worker';

export interface Import {
  /** importing file, relative to the root, with `/` (e.g. `src/model/codes.ts`) */
  from: string;
  /** imported file, the same way */
  to: string;
  kind: ImportKind;
  /** `import type …` or `export type … from`: erased, nothing loaded at run time */
  typeOnly: boolean;
  line: number;
}

export interface Layer {
  name: string;
  /** files (`src/app.ts`) and folders (`src/store/sql/`) of the layer */
  paths: string[];
  /** layers it may import (its own always) */
  imports: ReadonlySet<string>;
  /** layers it may import with `import type` only */
  typeImports: ReadonlySet<string>;
}

export interface Violation extends Import {
  fromLayer: string;
  toLayer: string;
}

export interface Report {
  imports: Import[];
  /** imports a rule forbids */
  violations: Violation[];
  /** files of src/ that no layer holds */
  unplaced: string[];
  /** each circle as the files along it, the first repeated at the end */
  cycles: string[][];
}

/** `from -> to`, the way KNOWN_VIOLATIONS and failure messages name an import. */
export const edgeName = (edge: { from: string; to: string }): string => `${edge.from} -> ${edge.to}`;

const toPosix = (path: string): string => path.split(sep).join('/');

function tsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...tsFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found.sort();
}

/** Every import of ours (a relative specifier) in the .ts files under `<root>/src`. */
export function readImports(root: string): Import[] {
  const imports: Import[] = [];
  for (const path of tsFiles(join(root, 'src'))) {
    const from = toPosix(relative(root, path));
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const add = (specifier: ts.Node, kind: ImportKind, typeOnly: boolean): void => {
      if (!ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return; // a package or node: module
      const to = toPosix(relative(root, resolve(dirname(path), specifier.text)));
      const line = source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1;
      imports.push({ from, to, kind, typeOnly, line });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        add(node.moduleSpecifier, 'import', node.importClause?.isTypeOnly ?? false);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        add(node.moduleSpecifier, 'export', node.isTypeOnly);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        if (node.arguments[0]) add(node.arguments[0], 'dynamic', false);
      } else if (ts.isImportTypeNode(node)) {
        // `typeof import('./x.ts')` in a type
        const argument = node.argument;
        if (ts.isLiteralTypeNode(argument)) add(argument.literal, 'import', true);
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Worker') {
        const url = node.arguments?.[0];
        if (url && ts.isNewExpression(url) && ts.isIdentifier(url.expression) && url.expression.text === 'URL' && url.arguments?.[0]) {
          add(url.arguments[0], 'worker', false);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return imports;
}

/** The layer holding `file`: the one with the longest path that holds it. */
export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: Layer | undefined;
  let bestLength = -1;
  for (const layer of layers) {
    for (const path of layer.paths) {
      const holds = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (holds && path.length > bestLength) {
        best = layer;
        bestLength = path.length;
      }
    }
  }
  return best;
}

const SECTION = '## Import rules';

/** The layer table of docs/architecture.md's "Import rules" section: one row per layer,
 * `| name | files and folders | may import | may import, types only |`; a cell lists
 * code spans or names separated by commas; `—` or nothing for none. */
export function parseLayerTable(markdown: string): Layer[] {
  const start = markdown.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`no "${SECTION}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  if (rows.length < 3) throw new Error(`no layer table in "${SECTION}"`);
  const names = (cell: string): string[] =>
    cell
      .split(',')
      .map((name) => name.replaceAll('`', '').trim())
      .filter((name) => name !== '' && name !== '—' && name !== '-');
  const layers = rows.slice(2).map((row): Layer => {
    const cells = row.split('|').slice(1, -1);
    if (cells.length !== 4) throw new Error(`a layer row has 4 cells: ${row}`);
    const [name, paths, imports, typeImports] = cells.map(names);
    if (name.length !== 1 || paths.length === 0) throw new Error(`a layer row names one layer and its files: ${row}`);
    return { name: name[0], paths, imports: new Set(imports), typeImports: new Set(typeImports) };
  });
  const known = new Set(layers.map((layer) => layer.name));
  for (const layer of layers) {
    for (const other of [...layer.imports, ...layer.typeImports]) {
      if (!known.has(other)) throw new Error(`layer ${layer.name} may import ${other}, which is no layer of the table`);
    }
  }
  return layers;
}

/** Every circle among `imports` (type-only and worker imports included), each once:
 * the strongly connected components of the file graph (Tarjan), and in each a
 * shortest circle through its first file. */
export function findCycles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) {
    const targets = next.get(from) ?? [];
    if (!targets.includes(to)) targets.push(to);
    next.set(from, targets);
  }
  const files = [...new Set(imports.flatMap(({ from, to }) => [from, to]))].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file)!, index.get(to)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (next.get(file) ?? []).includes(file);
      if (component.length > 1 || selfImport) components.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return components
    .map((component) => {
      // breadth-first from the component's first file back to it, inside the component
      const members = new Set(component);
      const first = component[0];
      const previous = new Map<string, string>();
      const queue = [first];
      while (queue.length > 0) {
        const file = queue.shift()!;
        for (const to of next.get(file) ?? []) {
          if (!members.has(to)) continue;
          if (to === first) {
            const path = [first];
            for (let at = file; at !== first; at = previous.get(at)!) path.splice(1, 0, at);
            return [...path, first];
          }
          if (!previous.has(to)) {
            previous.set(to, file);
            queue.push(to);
          }
        }
      }
      throw new Error(`no circle through ${first}`);
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** The imports of `<root>/src` checked against `layers`. */
export function checkImports(root: string, layers: readonly Layer[]): Report {
  const imports = readImports(root);
  const violations: Violation[] = [];
  const unplaced = new Set<string>();
  for (const edge of imports) {
    const fromLayer = layerOf(edge.from, layers);
    const toLayer = layerOf(edge.to, layers);
    if (!fromLayer) unplaced.add(edge.from);
    if (!toLayer) unplaced.add(edge.to);
    if (!fromLayer || !toLayer || fromLayer === toLayer) continue;
    const allowed = fromLayer.imports.has(toLayer.name) || (edge.typeOnly && fromLayer.typeImports.has(toLayer.name));
    if (!allowed) violations.push({ ...edge, fromLayer: fromLayer.name, toLayer: toLayer.name });
  }
  for (const path of tsFiles(join(root, 'src'))) {
    const file = toPosix(relative(root, path));
    if (!layerOf(file, layers)) unplaced.add(file);
  }
  return { imports, violations, unplaced: [...unplaced].sort(), cycles: findCycles(imports) };
}
