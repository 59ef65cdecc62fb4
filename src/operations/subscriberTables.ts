// What the mapping and range table operations share: a table belongs to an
// existing subscriber account, and its id is unique system-wide.
import type { ErrorCode } from '../model/codes.ts';
import { fail } from '../model/errors.ts';
import type { StoreTx, SubscriberTableKind } from '../store/port.ts';

export const TABLE_READ_ROLES = ['provisioning', 'reader'] as const;

export interface OwnershipCodes {
  /** the subscriber account does not exist */
  noAccount: ErrorCode;
  /** the table id belongs to another subscriber account */
  otherOwner: ErrorCode;
}

export async function assertTableOwner(
  tx: StoreTx,
  kind: SubscriberTableKind,
  table: { id: string; subscriberAccountId: string },
  codes: OwnershipCodes,
): Promise<void> {
  if (!(await tx.accounts.getSubscriberAccount(table.subscriberAccountId))) fail(codes.noAccount, table.subscriberAccountId);
  const owner = await tx.tables.ownerOf(kind, table.id);
  if (owner !== undefined && owner !== table.subscriberAccountId) fail(codes.otherOwner, `${kind} table ${table.id}`);
}
