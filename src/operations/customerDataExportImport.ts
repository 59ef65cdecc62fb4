// customerDataExportImport v3 (SPEC 4.6): export one subscriber account's data,
// or some of its root contracts with their linked ones; import up to 1000
// customers in one transaction. Decisions: docs/customerdata.md.
import { CustomerDataSchema, OperationalStatusSchema, type ChargingContract, type CustomerData } from '../schema/customerData.ts';
import { Attr, Enum, Int, List, Many, Obj, Opt, String256 } from '../schema/types.ts';
import { fail } from '../model/errors.ts';
import { importStatus, IMPORT_OBJECT_TYPES } from '../model/customerDataImport.ts';
import type { StoreTx, StoredContract, StoredCustomerData, StoredCustomerDataText } from '../store/port.ts';
import { importBatch } from './customerDataImport.ts';
import { defineOperation, type Operation } from './operation.ts';
import { customerDataFrom, storedCustomerData } from './views.ts';
import { MAX_BATCH_ITEMS } from './batch.ts';

const SERVICE = 'customerDataExportImport';
const ROLES = ['migration'] as const;

/**
 * A contract as exported: definition, operational status and recharging lock. The
 * transfer date is the day the contract arrived in this system; the destination
 * records its own, so it is not exported (docs/customerdata.md).
 */
export function exportedContract(stored: StoredContract): ChargingContract {
  const contract: ChargingContract = { ...stored.contract, operationalStatus: stored.operationalStatus };
  if (stored.rechargingLockId !== undefined) contract.rechargingLockId = stored.rechargingLockId;
  return contract;
}

export const exportedCustomerData = (stored: StoredCustomerData): CustomerData => customerDataFrom(stored, exportedContract);

/** exportedContract on stored text: the definition's document with the same read side appended (schema order: last). */
export function exportedContractText(contract: StoredCustomerDataText['contracts'][number]): string {
  const lock = contract.rechargingLockId === undefined ? '' : `,"rechargingLockId":${JSON.stringify(contract.rechargingLockId)}`;
  return `${contract.doc.slice(0, -1)},"operationalStatus":${JSON.stringify(contract.operationalStatus)}${lock}}`;
}

/**
 * exportedCustomerData on stored text, for bulk exports: the same bytes as
 * JSON.stringify of the object form (documents are stored as JSON.stringify wrote
 * them), without parsing and writing every document again.
 */
export function exportedCustomerDataText(stored: StoredCustomerDataText): string {
  const list = (name: string, docs: string[]) => (docs.length ? `,"${name}":[${docs.join(',')}]` : '');
  return (
    `{"subscriberAccount":${stored.subscriberAccount}` +
    list('externalAccount', stored.externalAccounts) +
    list('prepaidAccount', stored.prepaidAccounts) +
    list('subscriberMappingTable', stored.mappingTables) +
    list('subscriberRangeTable', stored.rangeTables) +
    list('chargingContract', stored.contracts.map(exportedContractText)) +
    '}'
  );
}

/** The account of the root contracts, with those roots and their linked contracts only. */
async function exportRoots(tx: StoreTx, rootIds: string[]): Promise<CustomerData> {
  const seen = new Set<string>();
  let accountId: string | undefined;
  for (const id of rootIds) {
    if (seen.has(id)) fail('CUSTOMERDATA-5', id);
    seen.add(id);
  }
  for (const id of rootIds) {
    const root = (await tx.contracts.get(id)) ?? fail('CUSTOMERDATA-3', id);
    if (root.contract.rootChargingContractId !== undefined) fail('CUSTOMERDATA-6', `${id} is linked to ${root.contract.rootChargingContractId}`);
    accountId ??= root.contract.subscriberAccountId;
    if (root.contract.subscriberAccountId !== accountId) fail('CUSTOMERDATA-4', `${id} belongs to ${root.contract.subscriberAccountId}, ${rootIds[0]} to ${accountId}`);
  }
  const stored = (await storedCustomerData(tx, accountId!))!;
  const selected = stored.contracts.filter(({ contract }) => seen.has(contract.id) || seen.has(contract.rootChargingContractId ?? ''));
  return exportedCustomerData({ ...stored, contracts: selected });
}

const customerDataExport = defineOperation({
  service: SERVICE,
  name: 'customerDataExport',
  summary: 'Exports a subscriber account with everything it owns, or its given root contracts with their linked contracts; the output imports unchanged.',
  request: Obj({ subscriberAccountId: Opt(String256()), rootChargingContractId: Many(String256()) }),
  response: Obj({ customerData: CustomerDataSchema }),
  roles: ROLES,
  idempotent: true,
  access: 'read',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => (request.subscriberAccountId !== undefined ? [request.subscriberAccountId] : (request.rootChargingContractId ?? [])),
  handler: async ({ subscriberAccountId, rootChargingContractId = [] }, { tx }) => {
    if (subscriberAccountId === undefined && rootChargingContractId.length === 0) fail('CUSTOMERDATA-1');
    if (subscriberAccountId !== undefined && rootChargingContractId.length) fail('CUSTOMERDATA-27');
    if (subscriberAccountId === undefined) return { customerData: await exportRoots(tx, rootChargingContractId) };
    const stored = (await storedCustomerData(tx, subscriberAccountId)) ?? fail('CUSTOMERDATA-2', subscriberAccountId);
    return { customerData: exportedCustomerData(stored) };
  },
});

const ImportCountSchema = Obj(
  { created: Int({ minimum: 0 }), unchanged: Int({ minimum: 0 }), replaced: Opt(Int({ minimum: 0 })) },
  { xsdName: 'ImportCount', description: 'objects created, found identical (unchanged) and, for tables, replaced' },
);
const ImportSummarySchema = Obj(Object.fromEntries(IMPORT_OBJECT_TYPES.map((type) => [type, ImportCountSchema])) as Record<(typeof IMPORT_OBJECT_TYPES)[number], typeof ImportCountSchema>, {
  xsdName: 'CustomerDataImportSummary',
});

export const ON_ALREADY_EXISTING_TABLE = ['reject', 'overwrite'] as const;

const customerDataImport = defineOperation({
  service: SERVICE,
  name: 'customerDataImport',
  summary: 'Imports up to 1000 customers in one transaction: identical objects are unchanged, root contracts get the requested status (default locked), prepaid balances 0.',
  request: Obj({
    onAlreadyExistingTable: Opt(Attr(Enum(ON_ALREADY_EXISTING_TABLE, 'OnAlreadyExistingTable'))),
    chargingContractOperationalStatusChangedTo: Opt(OperationalStatusSchema),
    customerData: List(CustomerDataSchema, { min: 1, max: MAX_BATCH_ITEMS }),
  }),
  response: Obj({ summary: ImportSummarySchema }),
  roles: ROLES,
  idempotent: true,
  access: 'write',
  auditDomain: 'CUSTOMER',
  objectIds: (request) => request.customerData.map((data) => data.subscriberAccount.id),
  handler: async (request, { tx, catalog, now }) => {
    const options = { status: importStatus(request.chargingContractOperationalStatusChangedTo), onAlreadyExistingTable: request.onAlreadyExistingTable ?? 'reject' };
    const outcome = await importBatch(tx, catalog, options, request.customerData, now, 'all');
    if (outcome.failures.length) throw outcome.failures[0].error;
    return { summary: outcome.summary };
  },
});

export const customerDataExportImportOperations: Operation[] = [customerDataExport, customerDataImport];
