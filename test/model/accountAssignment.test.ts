import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contractsAssigning } from '../../src/model/accountAssignment.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';

describe('account assignments', () => {
  const contract = (id: string, periods: Array<Array<{ accountId: string; type: 'prepaid' | 'postpaid' }>>): ChargingContract => ({
    id,
    subscriberAccountId: 'SA',
    chargingContractItem: [
      {
        id: 'ITEM',
        chargePlanClassId: 'CP',
        period: periods.map((assignments, i) => ({ start: `2026-0${i + 1}-01T00:00:00`, accountAssignment: assignments.map((a) => ({ name: 'MAIN', ...a })) })),
      },
    ],
  });

  test('when contracts assign an account in any period, then they are named; an assignment of the other type is not', () => {
    const contracts = [
      contract('CC-1', [[{ accountId: 'PP-1', type: 'prepaid' }]]),
      contract('CC-2', [[], [{ accountId: 'PP-1', type: 'prepaid' }]]),
      contract('CC-3', [[{ accountId: 'PP-1', type: 'postpaid' }]]),
      { id: 'CC-4', subscriberAccountId: 'SA' },
    ];
    assert.deepEqual(contractsAssigning(contracts, 'PP-1', 'prepaid'), ['CC-1', 'CC-2']);
    assert.deepEqual(contractsAssigning(contracts, 'PP-1', 'postpaid'), ['CC-3']);
    assert.deepEqual(contractsAssigning(contracts, 'PP-2', 'prepaid'), []);
  });
});
