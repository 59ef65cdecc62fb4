// Subscriber mapping tables of subscriberMappingTableManagement (SPEC 4.5).
import { SearchFilterSchema } from '../schema/common.ts';
import { MappingTableColumnSchema, MappingTableRowSchema, SubscriberMappingTableSchema, type MappingTableRow, type SubscriberMappingTable } from '../schema/customerData.ts';
import { Int, List, Many, Obj, Opt, String256, WireDate } from '../schema/types.ts';
import type { Catalog } from '../model/catalog.ts';
import { fail } from '../model/errors.ts';
import { sameContent } from '../model/identity.ts';
import { checkMappingTable, lookupMappingTable, mappingTableClassOf } from '../model/mappingTable.ts';
import { groupBy } from '../model/tableRows.ts';
import type { StoreTx } from '../store/port.ts';
import { defineOperation, type Operation } from './operation.ts';
import { findWindow } from './paging.ts';
import { TABLE_READ_ROLES, assertTableOwner } from './subscriberTables.ts';

const SERVICE = 'subscriberMappingTableManagement';

async function requireMappingTable(tx: StoreTx, id: string): Promise<SubscriberMappingTable> {
  return (await tx.tables.getMappingTable(id)) ?? fail('MAPPINGTABLE-100', id);
}

/** Checks a table about to be written; returns the stored table of that id, if any. */
async function admitMappingTable(tx: StoreTx, catalog: Catalog, table: SubscriberMappingTable): Promise<SubscriberMappingTable | undefined> {
  await assertTableOwner(tx, 'mapping', table, { noAccount: 'MAPPINGTABLE-105', otherOwner: 'MAPPINGTABLE-109' });
  checkMappingTable(table, catalog);
  return tx.tables.getMappingTable(table.id);
}

/**
 * The flat request of create and maintain (SAP CC's `CreateMappingTableRequest` /
 * `MaintainMappingTableRequest`): the table's own fields, which is the stored table.
 * SAP CC's create has no `row`; the trailing `row*` keeps SPEC 4.5's initial rows
 * without moving any real element.
 */
const flatTable = (xsdName: string) => Obj({ ...SubscriberMappingTableSchema.properties }, { xsdName });

/**
 * SAP CC's responses of the table writes: the envelope, the table's id and a
 * `reference` whose meaning the artifacts leave undocumented (left out: no request
 * carries one). Several operations share each type, as in SAP CC's schema.
 */
const TableWritten = Obj({ id: Opt(String256()), reference: Opt(String256()) });
const RowsWritten = Obj({ mappingTableId: Opt(String256()), reference: Opt(String256()) });

/** The request as the stored table (the same fields, named as stored). */
const tableOf = (request: SubscriberMappingTable): SubscriberMappingTable => request;

/** What create and maintain share: a whole table in, written by provisioning. */
const wholeTableWrite = {
  service: SERVICE,
  response: TableWritten,
  responseType: 'MappingTableOperationResponse',
  roles: ['provisioning'],
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request: SubscriberMappingTable) => [request.id],
} as const;

const mappingTableCreate = defineOperation({
  ...wholeTableWrite,
  name: 'mappingTableCreate',
  summary: 'Creates a subscriber mapping table; creating it again identically is a no-op.',
  request: flatTable('CreateMappingTableRequest'),
  handler: async (request, { tx, catalog }) => {
    const table = tableOf(request);
    const existing = await admitMappingTable(tx, catalog, table);
    if (!existing) await tx.tables.putMappingTable(table);
    else if (!sameContent(existing, table)) fail('MAPPINGTABLE-101', table.id);
    return { id: table.id };
  },
});

const mappingTableMaintain = defineOperation({
  ...wholeTableWrite,
  name: 'mappingTableMaintain',
  summary: 'Creates or replaces a subscriber mapping table.',
  request: flatTable('MaintainMappingTableRequest'),
  handler: async (request, { tx, catalog }) => {
    const table = tableOf(request);
    const existing = await admitMappingTable(tx, catalog, table);
    if (!existing || !sameContent(existing, table)) await tx.tables.putMappingTable(table);
    return { id: table.id };
  },
});

/** What the row writes share. */
const tableIdWrite = {
  service: SERVICE,
  response: RowsWritten,
  responseType: 'MappingTableRowOperationResponse',
  roles: ['provisioning'],
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request: { mappingTableId: string }) => [request.mappingTableId],
} as const;

const mappingTableCancel = defineOperation({
  service: SERVICE,
  name: 'mappingTableCancel',
  summary: 'Deletes a subscriber mapping table.',
  request: Obj({ id: String256() }, { xsdName: 'CancelMappingTableRequest' }),
  response: TableWritten,
  responseType: 'MappingTableOperationResponse',
  roles: ['provisioning'],
  idempotent: false,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => [request.id],
  handler: async ({ id }, { tx }) => {
    await requireMappingTable(tx, id);
    await tx.tables.delete('mapping', id);
    return { id };
  },
});

const mappingTableFind = defineOperation({
  service: SERVICE,
  name: 'mappingTableFind',
  summary: 'Finds subscriber mapping tables by id, subscriber account and class, one window at a time.',
  request: Obj({
    filter: Opt(
      Obj({ id: Opt(String256()), subscriberAccountId: Opt(String256()), mappingTableClassId: Opt(String256()) }, { xsdName: 'MappingTableFilter' }),
    ),
    searchFilter: Opt(SearchFilterSchema),
  }),
  response: Obj({ subscriberMappingTable: Many(SubscriberMappingTableSchema), totalCount: Opt(Int({ minimum: 0 })), lastUniqueId: Opt(String256()) }),
  roles: TABLE_READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ filter, searchFilter }, { tx }) => {
    const indexed = { id: filter?.id, subscriberAccountId: filter?.subscriberAccountId, classId: filter?.mappingTableClassId };
    const { rows, ...paging } = await findWindow(
      searchFilter,
      (afterId, limit) => tx.tables.findMappingTables(indexed, afterId, limit),
      () => tx.tables.countMappingTables(indexed),
    );
    return { ...(rows.length ? { subscriberMappingTable: rows } : {}), ...paging };
  },
});

/** The table's rows with `rows` in place of those of the same id and the others added; ids given twice stay twice. */
function withRows(existing: MappingTableRow[], rows: MappingTableRow[]): MappingTableRow[] {
  const incoming = groupBy(rows, (r) => r.id);
  const existingIds = new Set(existing.map((r) => r.id));
  return [...existing.flatMap((r) => incoming.get(r.id) ?? [r]), ...rows.filter((r) => !existingIds.has(r.id))];
}

/** Writes the table with its new rows after checking all of it; a table without rows has no `row`. */
async function putRows(tx: StoreTx, catalog: Catalog, table: SubscriberMappingTable, rows: MappingTableRow[]): Promise<void> {
  const { row: _old, ...head } = table;
  const changed: SubscriberMappingTable = rows.length ? { ...head, row: rows } : head;
  checkMappingTable(changed, catalog);
  if (!sameContent(table, changed)) await tx.tables.putMappingTable(changed);
}

const mappingTableRowMaintain = defineOperation({
  ...tableIdWrite,
  name: 'mappingTableRowMaintain',
  summary: 'Creates or replaces rows of a subscriber mapping table by row id; the whole table must stay valid.',
  request: Obj({ mappingTableId: String256(), row: List(MappingTableRowSchema, { min: 1 }) }, { xsdName: 'MaintainMappingTableRowRequest' }),
  idempotent: true,
  handler: async ({ mappingTableId, row }, { tx, catalog }) => {
    const table = await requireMappingTable(tx, mappingTableId);
    await putRows(tx, catalog, table, withRows(table.row ?? [], row));
    return { mappingTableId };
  },
});

const mappingTableRowCancel = defineOperation({
  ...tableIdWrite,
  name: 'mappingTableRowCancel',
  summary: 'Deletes rows of a subscriber mapping table by row id.',
  request: Obj({ mappingTableId: String256(), id: List(String256(), { min: 1 }) }, { xsdName: 'CancelMappingTableRowRequest' }),
  idempotent: false,
  handler: async ({ mappingTableId, id }, { tx, catalog }) => {
    const table = await requireMappingTable(tx, mappingTableId);
    const rows = table.row ?? [];
    const rowIds = new Set(rows.map((r) => r.id));
    const unknown = id.find((rowId) => !rowIds.has(rowId));
    if (unknown !== undefined) fail('MAPPINGTABLE-106', `row ${unknown} of table ${mappingTableId}`);
    const cancelled = new Set(id);
    await putRows(tx, catalog, table, rows.filter((r) => !cancelled.has(r.id)));
    return { mappingTableId };
  },
});

const mappingTableLookup = defineOperation({
  service: SERVICE,
  name: 'mappingTableLookup',
  summary: 'Returns the output columns of the row whose inputs equal the given ones and whose validity holds the date.',
  request: Obj({ mappingTableId: String256(), input: List(MappingTableColumnSchema, { min: 1, max: 4 }), date: WireDate() }),
  response: Obj({ column: Many(MappingTableColumnSchema) }),
  roles: TABLE_READ_ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'NONE',
  handler: async ({ mappingTableId, input, date }, { tx, catalog }) => {
    const table = await requireMappingTable(tx, mappingTableId);
    const column = lookupMappingTable(table, mappingTableClassOf(table, catalog), input, date);
    return column.length ? { column } : {};
  },
});

export const mappingTableOperations: Operation[] = [
  mappingTableCreate,
  mappingTableMaintain,
  mappingTableCancel,
  mappingTableFind,
  mappingTableRowMaintain,
  mappingTableRowCancel,
  mappingTableLookup,
];
