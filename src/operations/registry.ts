// The operation registry: every operation of every service, in one list. Adding
// an operation means adding its definition to its service's file and that file's
// list here; no transport changes.
import type { Operation } from './operation.ts';
import { SERVICES, type ServiceDef, type ServiceName } from './services.ts';
import { echoOperations } from './echo.ts';
import { subscriberAccountOperations } from './subscriberAccounts.ts';
import { externalAccountOperations } from './externalAccounts.ts';
import { prepaidAccountOperations } from './prepaidAccounts.ts';
import { chargingContractOperations } from './chargingContracts.ts';
import { operationalStatusOperations } from './operationalStatus.ts';
import { mappingTableOperations } from './mappingTables.ts';
import { rangeTableOperations } from './rangeTables.ts';
import { contractStateOperations } from './contractState.ts';
import { rechargingOperations } from './recharging.ts';
import { customerDataExportImportOperations } from './customerDataExportImport.ts';

export const OPERATIONS: readonly Operation[] = [
  ...echoOperations,
  ...subscriberAccountOperations,
  ...externalAccountOperations,
  ...prepaidAccountOperations,
  ...chargingContractOperations,
  ...operationalStatusOperations,
  ...mappingTableOperations,
  ...rangeTableOperations,
  ...contractStateOperations,
  ...rechargingOperations,
  ...customerDataExportImportOperations,
];

const byKey = new Map<string, Operation>();
for (const op of OPERATIONS) {
  const key = `${op.service}/${op.name}`;
  if (byKey.has(key)) throw new Error(`operation ${key} is defined twice`);
  byKey.set(key, op);
}

export function findOperation(service: ServiceName, name: string): Operation | undefined {
  return byKey.get(`${service}/${name}`);
}

export function operationsOf(service: ServiceName): Operation[] {
  return OPERATIONS.filter((op) => op.service === service);
}

export function services(): ServiceDef[] {
  return Object.values(SERVICES);
}
