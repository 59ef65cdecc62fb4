import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Catalog, type CatalogDocument } from '../../src/model/catalog.ts';
import { isChargingError } from '../../src/model/errors.ts';
import {
  applyStateChange,
  checkStateChange,
  emptyStateValues,
  fullContractState,
  sharedCountersOf,
  stateValuesFromJson,
  stateValuesToJson,
} from '../../src/model/contractState.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';
import type { ChargingContractState } from '../../src/schema/contractState.ts';

const sample = JSON.parse(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8')) as CatalogDocument;
const document: CatalogDocument = {
  ...sample,
  counterDictionary: [...sample.counterDictionary, { name: 'BONUS' }, { name: 'SPARE' }],
  monitoringPlans: [
    ...sample.monitoringPlans,
    {
      id: 'MP_LIMITS',
      parameters: [],
      counters: [{ name: 'LIMIT', initialValue: '+0100.50' }],
      charges: [{ id: 'ALERT', counters: [{ name: 'SENT', initialValue: '3' }] }],
    },
  ],
};
const catalog = Catalog.fromDocument(document);

const period = (rest: object = {}) => ({ start: '2026-01-01T00:00:00', ...rest });
const root: ChargingContract = {
  id: 'R',
  subscriberAccountId: 'SA',
  chargingContractItem: [
    { id: 'LIMITS', monitoringPlanClassId: 'MP_LIMITS', period: [period({ sharedCounter: [{ name: 'BONUS' }] }), period({ start: '2027-01-01T00:00:00', pooledCounter: [{ name: 'FAMILY_MINUTES' }] })] },
    { id: 'TOPUP', refillPlanClassId: 'RP_TOPUP', period: [period({ sharedCounter: [{ name: 'BONUS' }, { name: 'SPARE' }] })] },
  ],
};
const linked: ChargingContract = { ...root, id: 'L', rootChargingContractId: 'R' };

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!isChargingError(error)) throw error;
    return error.code;
  }
}

test('when a root shares and pools counters, then its shared counters are both, each once, in order of first mention; a linked contract has only those it shares', () => {
  assert.deepEqual(sharedCountersOf(root), ['BONUS', 'FAMILY_MINUTES', 'SPARE']);
  assert.deepEqual(sharedCountersOf(linked), ['BONUS', 'SPARE']);
});

test('when a change has several faults, then the first in document order is reported', () => {
  const check = (state: Omit<ChargingContractState, 'chargingContractId'>) => codeOf(() => checkStateChange({ chargingContractId: 'R', ...state }, root, catalog));
  assert.equal(check({ sharedCounter: [{ name: 'NOPE', value: '1' }], contractItemState: [{ chargingContractItemId: 'NONE' }] }), 'CONTRACTSTATE-1');
  assert.equal(check({ sharedCounter: [{ name: 'FAMILY_MINUTES', value: '1' }], contractItemState: [{ chargingContractItemId: 'NONE' }] }), 'CONTRACTSTATE-2');
  assert.equal(codeOf(() => checkStateChange({ chargingContractId: 'L', sharedCounter: [{ name: 'FAMILY_MINUTES', value: '1' }] }, linked, catalog)), 'CONTRACTSTATE-1');
  assert.equal(check({ contractItemState: [{ chargingContractItemId: 'NONE' }, { chargingContractItemId: 'NONE' }] }), 'CONTRACTSTATE-2');
  assert.equal(check({ contractItemState: [{ chargingContractItemId: 'TOPUP' }, { chargingContractItemId: 'TOPUP' }] }), 'CONTRACTSTATE-12');
  assert.equal(check({ contractItemState: [{ chargingContractItemId: 'TOPUP', counter: [{ name: 'LIMIT', value: '1' }] }] }), 'CONTRACTSTATE-3');
  assert.equal(check({ contractItemState: [{ chargingContractItemId: 'LIMITS', chargeActivation: [{ chargeActivationId: 'ALERT', counter: [{ name: 'LIMIT', value: '1' }] }] }] }), 'CONTRACTSTATE-5');
  assert.equal(check({ contractItemState: [{ chargingContractItemId: 'TOPUP', chargeActivation: [{ chargeActivationId: 'ALERT' }] }] }), 'CONTRACTSTATE-4');
  assert.equal(check({ sharedCounter: [{ name: 'BONUS', value: '1' }, { name: 'SPARE', value: '1' }], contractItemState: [{ chargingContractItemId: 'LIMITS' }] }), undefined);
});

test('when the catalog no longer has an item\'s plan, then the item reads without counters and a change of its counters is CONTRACTSTATE-3', () => {
  const orphan: ChargingContract = { id: 'O', subscriberAccountId: 'SA', chargingContractItem: [{ id: 'GONE', chargePlanClassId: 'CP_GONE', period: [period()] }] };
  assert.deepEqual(fullContractState(orphan, catalog).contractItemState, [{ chargingContractItemId: 'GONE' }]);
  assert.equal(codeOf(() => checkStateChange({ chargingContractId: 'O', contractItemState: [{ chargingContractItemId: 'GONE', counter: [{ name: 'X', value: '1' }] }] }, orphan, catalog)), 'CONTRACTSTATE-3');
});

test('when nothing was set, then the full state holds canonical catalog initial values and 0 for shared counters', () => {
  assert.deepEqual(fullContractState(root, catalog), {
    chargingContractId: 'R',
    sharedCounter: [
      { name: 'BONUS', value: '0' },
      { name: 'FAMILY_MINUTES', value: '0' },
      { name: 'SPARE', value: '0' },
    ],
    contractItemState: [
      { chargingContractItemId: 'LIMITS', counter: [{ name: 'LIMIT', value: '100.50' }], chargeActivation: [{ chargeActivationId: 'ALERT', counter: [{ name: 'SENT', value: '3' }] }] },
      { chargingContractItemId: 'TOPUP', counter: [{ name: 'REFILLS', value: '0' }] },
    ],
  });
});

test('when a change is applied, then only what it names changes, a different scale counts as a change, and applying it again changes nothing', () => {
  const values = emptyStateValues();
  const change: ChargingContractState = {
    chargingContractId: 'R',
    sharedCounter: [{ name: 'SPARE', value: '5' }],
    contractItemState: [{ chargingContractItemId: 'LIMITS', chargeActivation: [{ chargeActivationId: 'ALERT', lastActivationDate: '2026-03-01T00:00:00' }] }],
  };
  assert.equal(applyStateChange(values, change), true);
  assert.equal(applyStateChange(values, change), false);
  assert.equal(applyStateChange(values, { chargingContractId: 'R', sharedCounter: [{ name: 'SPARE', value: '5.00' }] }), true);
  const state = fullContractState(root, catalog, values);
  assert.deepEqual(state.sharedCounter, [
    { name: 'BONUS', value: '0' },
    { name: 'FAMILY_MINUTES', value: '0' },
    { name: 'SPARE', value: '5.00' },
  ]);
  assert.deepEqual(state.contractItemState![0].chargeActivation, [{ chargeActivationId: 'ALERT', lastActivationDate: '2026-03-01T00:00:00', counter: [{ name: 'SENT', value: '3' }] }]);
});

test('when values are stored and read back, then they are the same, names like __proto__ included', () => {
  const values = emptyStateValues();
  applyStateChange(values, {
    chargingContractId: 'R',
    sharedCounter: [{ name: '__proto__', value: '1' }, { name: 'constructor', value: '2' }],
    contractItemState: [
      { chargingContractItemId: '__proto__', counter: [{ name: 'toString', value: '-3.25' }], chargeActivation: [{ chargeActivationId: 'A', lastActivationDate: '2026-01-31T23:59:59' }] },
    ],
  });
  const json = stateValuesToJson(values);
  assert.deepEqual(stateValuesFromJson(json), values);
  assert.equal(stateValuesToJson(stateValuesFromJson(json)), json);
  assert.equal(stateValuesToJson(emptyStateValues()), '{}');
});
