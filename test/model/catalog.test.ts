import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Catalog, canonicalJson } from '../../src/model/catalog.ts';
import { ChargingError } from '../../src/model/errors.ts';

const sampleText = readFileSync('examples/catalog.json', 'utf8');
const sample = () => JSON.parse(sampleText);

// the project's reference pages beside the checkout; a clone elsewhere (a fresh CI directory) has none to compare with
const SHARED_CATALOG = new URL('../../../shared/examples/catalog.json', import.meta.url);

test('when the sample catalog of shared/ is loaded, then it loads unchanged', (t) => {
  if (existsSync(SHARED_CATALOG)) assert.equal(readFileSync(SHARED_CATALOG, 'utf8'), sampleText);
  else t.diagnostic(`${SHARED_CATALOG.pathname} is not beside this checkout: the copy is not compared with it`);
  const catalog = Catalog.fromJson(sampleText);
  assert.ok(catalog.plan('chargePlan', 'CP_VOICE'));
  assert.equal(catalog.plan('refillPlan', 'CP_VOICE'), undefined);
  assert.equal(catalog.currencyDigits('EUR'), 2);
  assert.ok(catalog.isSharedCounter('FAMILY_MINUTES'));
  assert.equal(catalog.rechargingEnabled, true);
});

test('when the fingerprint is taken, then it is the SHA-256 of the canonical JSON, whatever the key order', () => {
  const catalog = Catalog.fromJson(sampleText);
  const expected = createHash('sha256').update(canonicalJson(sample())).digest('hex');
  assert.equal(catalog.fingerprint, expected);
  const reordered = Object.fromEntries(Object.entries(sample()).reverse());
  assert.equal(Catalog.fromDocument(reordered).fingerprint, catalog.fingerprint);
  const changed = sample();
  changed.currencies[0].digits = 3;
  assert.notEqual(Catalog.fromDocument(changed).fingerprint, catalog.fingerprint);
});

test('when canonical JSON is written, then keys are sorted and there is no whitespace', () => {
  assert.equal(canonicalJson({ b: [1, { d: 'x', c: null }], a: true }), '{"a":true,"b":[1,{"c":null,"d":"x"}]}');
});

test('when recharging is switched off in the features, then the catalog says so', () => {
  const doc = sample();
  doc.features = { recharging: false };
  assert.equal(Catalog.fromDocument(doc).rechargingEnabled, false);
});

for (const [what, mutate] of [
  ['a plan id twice', (d: any) => d.chargePlans.push(d.chargePlans[0])],
  ['a counter initial value that is not a decimal', (d: any) => (d.chargePlans[0].counters[0].initialValue = 'ten')],
  ['a mapping table class with 5 input columns', (d: any) => (d.mappingTableClasses[0].inputColumns = new Array(5).fill({ name: 'X', type: 'string' }))],
  ['a range table class without output column', (d: any) => (d.rangeTableClasses[0].outputColumns = [])],
  ['no currencies list', (d: any) => delete d.currencies],
] as const) {
  test(`when a catalog has ${what}, then it is refused with CATALOG-100`, () => {
    const doc = sample();
    mutate(doc);
    assert.throws(() => Catalog.fromDocument(doc), (error: ChargingError) => error.code === 'CATALOG-100');
  });
}

test('when a catalog file is not JSON, then it is refused with CATALOG-100', () => {
  assert.throws(() => Catalog.fromJson('{'), (error: ChargingError) => error.code === 'CATALOG-100');
});
