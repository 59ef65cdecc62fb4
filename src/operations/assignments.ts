// The charging contracts of a subscriber account that assign one of its accounts:
// such an account cannot be cancelled under them.
import { contractsAssigning, type AccountType } from '../model/accountAssignment.ts';
import type { StoreTx } from '../store/port.ts';

export async function contractsAssigningAccount(tx: StoreTx, subscriberAccountId: string, accountId: string, type: AccountType): Promise<string[]> {
  const contracts = (await tx.contracts.listByAccount(subscriberAccountId)).map((stored) => stored.contract);
  return contractsAssigning(contracts, accountId, type);
}
