// Which charging contracts assign an account: a prepaid or external account they
// charge cannot be cancelled under them.
import type { ChargingContract } from '../schema/customerData.ts';

export type AccountType = 'prepaid' | 'postpaid';

/** Ids of the contracts with an assignment of `accountId` as `type` in any period, ended or not. */
export function contractsAssigning(contracts: ChargingContract[], accountId: string, type: AccountType): string[] {
  return contracts
    .filter((contract) =>
      (contract.chargingContractItem ?? []).some((item) =>
        item.period.some((period) => (period.accountAssignment ?? []).some((a) => a.accountId === accountId && a.type === type)),
      ),
    )
    .map((contract) => contract.id);
}
