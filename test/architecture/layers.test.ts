// The layer rules of docs/architecture.md ("Import rules"), checked on every import of
// src/; and the checker shown to catch a forbidden import and a circle in a fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkImports, edgeName, parseLayerTable, readImports, type Violation } from './layers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));
const LAYERS = parseLayerTable(readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8'));

// Imports that break a rule and are being fixed elsewhere, as `from -> to`. Empty
// since issue 20 landed; the test fails as well when a listed one is gone, so the
// list only shrinks.
const KNOWN_VIOLATIONS: readonly string[] = [];

const described = (violation: Violation): string =>
  `${violation.from}:${violation.line} (${violation.fromLayer}) imports ${violation.to} (${violation.toLayer})${violation.typeOnly ? ' (type only)' : ''}`;

const report = checkImports(ROOT, LAYERS);

test('every file of src/ is in a layer of the Import rules table', () => {
  assert.deepEqual(report.unplaced, [], 'add their folder to a row of the table in docs/architecture.md');
});

test('every import of src/ keeps the Import rules of docs/architecture.md', () => {
  const known = new Set(KNOWN_VIOLATIONS);
  const broken = report.violations.filter((violation) => !known.has(edgeName(violation))).map(described);
  assert.deepEqual(broken, [], 'an import breaks a rule of docs/architecture.md');
});

test('each known violation is still there (delete it from KNOWN_VIOLATIONS once fixed)', () => {
  const found = new Set(report.violations.map(edgeName));
  assert.deepEqual(
    KNOWN_VIOLATIONS.filter((edge) => !found.has(edge)),
    [],
    'these imports no longer break a rule: delete them from KNOWN_VIOLATIONS',
  );
});

test('no import circle in src/', () => {
  assert.deepEqual(
    report.cycles.map((cycle) => cycle.join(' -> ')),
    [],
    'files that import each other, directly or around a circle',
  );
});

test('the checker reports a forbidden import and a circle of a fixture tree, and nothing else', () => {
  const bad = checkImports(FIXTURE, LAYERS);
  assert.deepEqual(bad.violations.map(described), ['src/model/a.ts:2 (model) imports src/transport/x.ts (transport)']);
  assert.deepEqual(bad.cycles, [['src/operations/p.ts', 'src/operations/q.ts', 'src/operations/p.ts']]);
  assert.deepEqual(bad.unplaced, []);
});

test('the checker reads every kind of import, telling type-only ones', () => {
  const imports = readImports(FIXTURE).filter((edge) => edge.from === 'src/cli/main.ts');
  assert.deepEqual(
    imports.map(({ to, kind, typeOnly, line }) => ({ to, kind, typeOnly, line })),
    [
      { to: 'src/transport/x.ts', kind: 'export', typeOnly: false, line: 3 },
      { to: 'src/schema/s.ts', kind: 'export', typeOnly: true, line: 4 },
      { to: 'src/model/b.ts', kind: 'dynamic', typeOnly: false, line: 6 },
      { to: 'src/cli/worker.ts', kind: 'worker', typeOnly: false, line: 7 },
    ],
  );
  const typeImport = readImports(FIXTURE).find((edge) => edge.from === 'src/model/b.ts');
  assert.deepEqual(typeImport && { to: typeImport.to, kind: typeImport.kind, typeOnly: typeImport.typeOnly }, {
    to: 'src/schema/s.ts',
    kind: 'import',
    typeOnly: true,
  });
});

test('a file of a layer no row holds is reported', () => {
  const layers = LAYERS.filter((layer) => layer.name !== 'transport');
  assert.deepEqual(checkImports(FIXTURE, layers).unplaced, ['src/transport/x.ts']);
});
