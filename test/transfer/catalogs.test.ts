import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SAMPLE_CATALOG } from '../../src/app.ts';
import { catalogDifferences } from '../../src/transfer/catalogs.ts';

const sample = () => JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8'));

test('when two catalogs are identical, then no difference is named', () => {
  assert.deepEqual(catalogDifferences(sample(), sample()), []);
});

test('when plans, currencies, counters and tax differ, then each part names the entries that differ or are on one side only', () => {
  const source = sample();
  const destination = sample();
  destination.chargePlans[0].counters.push({ name: 'SECONDS_USED', initialValue: '0' });
  destination.refillPlans = [];
  source.currencies.push({ code: 'CHF', digits: 2 });
  destination.counterDictionary.push({ name: 'SHARED_DATA' });
  destination.tax.taxCodes.push('VAT_ZERO');
  destination.features.recharging = false;
  assert.deepEqual(catalogDifferences(source, destination), [
    'currencies: only in the source: CHF',
    'counterDictionary: only in the destination: SHARED_DATA',
    'chargePlans: CP_VOICE differs',
    'refillPlans: only in the source: RP_TOPUP',
    'tax: taxCodes: only in the destination: VAT_ZERO',
    'features: recharging: true in the source, false in the destination',
  ]);
});

test('when the same classes come in another order, then that is named, since the fingerprint sees the order', () => {
  const destination = sample();
  destination.currencies.reverse();
  assert.deepEqual(catalogDifferences(sample(), destination), ['currencies: same entries in another order']);
});

test('when a part is in one catalog only, then it is named with its side', () => {
  const source = sample();
  delete source.features;
  assert.deepEqual(catalogDifferences(source, sample()), ['features: only in the destination']);
});
