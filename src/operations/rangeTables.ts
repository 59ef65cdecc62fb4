// Subscriber range tables v3 of subscriberRangeTableManagement (SPEC 4.5).
import { SearchFilterSchema } from '../schema/common.ts';
import { RangeTableInputSchema, RangeTableOutputSchema, SubscriberRangeTableSchema, type SubscriberRangeTable } from '../schema/customerData.ts';
import { DecimalText, Int, List, Many, Obj, Opt, String256, WireDate } from '../schema/types.ts';
import { Decimal } from '../model/decimal.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import { checkRangeTable, lookupRangeTable, rangeTableClassOf } from '../model/rangeTable.ts';
import type { StoreTx } from '../store/port.ts';
import { defineOperation, type Operation } from './operation.ts';
import { findWindow } from './paging.ts';
import { TABLE_READ_ROLES, assertTableOwner } from './subscriberTables.ts';

const SERVICE = 'subscriberRangeTableManagement';

async function requireRangeTable(tx: StoreTx, id: string): Promise<SubscriberRangeTable> {
  return (await tx.tables.getRangeTable(id)) ?? fail('RANGETABLE-154', id);
}

const rangeTableMaintain = defineOperation({
  service: SERVICE,
  name: 'rangeTableMaintain',
  summary: 'Creates or replaces a subscriber range table.',
  request: Obj({ subscriberRangeTable: SubscriberRangeTableSchema }),
  response: Obj({}),
  roles: ['provisioning'],
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.subscriberRangeTable.id],
  handler: async ({ subscriberRangeTable }, { tx, catalog }) => {
    await assertTableOwner(tx, 'range', subscriberRangeTable, { noAccount: 'RANGETABLE-105', otherOwner: 'RANGETABLE-108' });
    checkRangeTable(subscriberRangeTable, catalog);
    const existing = await tx.tables.getRangeTable(subscriberRangeTable.id);
    if (!existing || !sameContent(existing, subscriberRangeTable)) await tx.tables.putRangeTable(subscriberRangeTable);
    return {};
  },
});

const rangeTableCancel = defineOperation({
  service: SERVICE,
  name: 'rangeTableCancel',
  summary: 'Deletes a subscriber range table.',
  request: Obj({ rangeTableId: String256() }),
  response: Obj({}),
  roles: ['provisioning'],
  idempotent: false,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.rangeTableId],
  handler: async ({ rangeTableId }, { tx }) => {
    await requireRangeTable(tx, rangeTableId);
    await tx.tables.delete('range', rangeTableId);
    return {};
  },
});

const rangeTableRead = defineOperation({
  service: SERVICE,
  name: 'rangeTableRead',
  summary: 'Reads a subscriber range table.',
  request: Obj({ rangeTableId: String256() }),
  response: Obj({ subscriberRangeTable: SubscriberRangeTableSchema }),
  roles: TABLE_READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ rangeTableId }, { tx }) => ({ subscriberRangeTable: await requireRangeTable(tx, rangeTableId) }),
});

const rangeTableFind = defineOperation({
  service: SERVICE,
  name: 'rangeTableFind',
  summary: 'Finds subscriber range tables by id, subscriber account and class, one window at a time.',
  request: Obj({
    filter: Opt(Obj({ id: Opt(String256()), subscriberAccountId: Opt(String256()), rangeTableClassId: Opt(String256()) }, { xsdName: 'RangeTableFilter' })),
    searchFilter: Opt(SearchFilterSchema),
  }),
  response: Obj({ subscriberRangeTable: Many(SubscriberRangeTableSchema), totalCount: Opt(Int({ minimum: 0 })), lastUniqueId: Opt(String256()) }),
  roles: TABLE_READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ filter, searchFilter }, { tx }) => {
    const indexed = { id: filter?.id, subscriberAccountId: filter?.subscriberAccountId, classId: filter?.rangeTableClassId };
    const { rows, ...paging } = await findWindow(
      searchFilter,
      (afterId, limit) => tx.tables.findRangeTables(indexed, afterId, limit),
      () => tx.tables.countRangeTables(indexed),
    );
    return { ...(rows.length ? { subscriberRangeTable: rows } : {}), ...paging };
  },
});

const rangeTableLookup = defineOperation({
  service: SERVICE,
  name: 'rangeTableLookup',
  summary: 'Returns the outputs of the range holding the value among the rows with the given inputs valid at the date.',
  request: Obj({ rangeTableId: String256(), input: Many(RangeTableInputSchema, 5), value: DecimalText(), date: WireDate() }),
  response: Obj({ output: List(RangeTableOutputSchema, { min: 1 }) }),
  roles: TABLE_READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ rangeTableId, input, value, date }, { tx, catalog }) => {
    const table = await requireRangeTable(tx, rangeTableId);
    return { output: lookupRangeTable(table, rangeTableClassOf(table, catalog), input ?? [], Decimal.parse(value), date) };
  },
});

export const rangeTableOperations: Operation[] = [rangeTableMaintain, rangeTableCancel, rangeTableRead, rangeTableFind, rangeTableLookup];
