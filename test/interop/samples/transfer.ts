// Interop samples of the services a contract transfer uses besides provisioning:
// recharging locks and the v3 customerDataExportImport.
import { taggedSample } from '../../helpers/customerData.ts';
import type { TestServer } from '../../helpers/server.ts';
import { LONG_ID, REFUSED_ITEM, RETURN, given, sampleContracts, type Json, type OperationSamples } from './setup.ts';

const collection = (tag: string, lock: string): Json => ({ chargingContractCollection: { subscriberAccountId: `SA-${tag}` }, rechargingLockId: lock });

async function lockedContracts(server: TestServer, tag: string, lock: string): Promise<void> {
  await sampleContracts(server, tag);
  await given(server, 'recharging', 'chargingContractCollectionLock', collection(tag, lock));
}

/** The sample customer data with its tables, under `tag`. */
const customerData = (tag: string): Json => {
  const { root: _root, linked: _linked, ...data } = taggedSample(tag);
  return data as Json;
};

export const TRANSFER_SAMPLES: Record<string, OperationSamples> = {
  'recharging/chargingContractCollectionLock': {
    setup: (server) => sampleContracts(server, 'IORL'),
    valid: { request: collection('IORL', 'RERATE-2026.11:1'), expect: { status: 'return', lockedChargingContractId: ['IORL-CC-0001', 'IORL-CC-0002'] } },
    invalid: [
      { request: collection('IORL', 'not a lock id!'), code: 'RECHARGING-102', category: 'invalid' },
      { request: collection('IO-NOBODY', 'RERATE-1'), code: 'RECHARGING-103', category: 'prerequisiteMissing' },
      { request: { rechargingLockId: 'RERATE-1' }, code: 'RECHARGING-100', category: 'invalid' },
    ],
  },
  'recharging/chargingContractCollectionUnlock': {
    setup: (server) => lockedContracts(server, 'IORU', 'RERATE-U'),
    valid: { request: collection('IORU', 'RERATE-U'), expect: RETURN },
    invalid: [{ request: collection('IORU', 'RERATE-OTHER'), code: 'RECHARGING-108', category: 'illegalState' }],
  },
  'recharging/chargingContractCollectionLockMass': {
    setup: (server) => sampleContracts(server, 'IORLM'),
    valid: {
      request: { chargingContractCollectionLockRequest: [collection('IORLM', 'RERATE-M'), collection('IO-NOBODY', 'RERATE-M'), collection('IORLM', LONG_ID)] },
      expect: { status: 'return', failures: 2, chargingContractCollectionLockResponse: [RETURN, { status: 'error', error: { category: 'prerequisiteMissing' } }, REFUSED_ITEM('103')] },
    },
    invalid: [],
  },
  'recharging/chargingContractCollectionUnlockMass': {
    setup: (server) => lockedContracts(server, 'IORUM', 'RERATE-UM'),
    valid: {
      request: { chargingContractCollectionUnlockRequest: [collection('IORUM', 'RERATE-UM'), collection(LONG_ID, 'RERATE-UM')] },
      expect: { status: 'return', failures: 1, chargingContractCollectionUnlockResponse: [RETURN, REFUSED_ITEM('103')] },
    },
    invalid: [],
  },
  'recharging/chargingContractCollectionLockFind': {
    setup: (server) => lockedContracts(server, 'IORF', 'RERATE-F'),
    valid: {
      request: { subscriberAccountId: 'SA-IORF' },
      expect: {
        status: 'return',
        rechargingLock: [
          { chargingContractId: 'IORF-CC-0001', subscriberAccountId: 'SA-IORF', rechargingLockId: 'RERATE-F', user: 'admin' },
          { chargingContractId: 'IORF-CC-0002', subscriberAccountId: 'SA-IORF', rechargingLockId: 'RERATE-F', user: 'admin' },
        ],
      },
    },
    invalid: [{ request: { subscriberAccountId: LONG_ID }, code: 'REQUEST-103', category: 'invalid' }],
  },

  'customerDataExportImport/customerDataExport': {
    setup: (server) => sampleContracts(server, 'IOCDE'),
    valid: {
      request: { subscriberAccountId: 'SA-IOCDE' },
      expect: {
        status: 'return',
        customerData: {
          subscriberAccount: { id: 'SA-IOCDE' },
          externalAccount: [{ id: 'EXT-1' }],
          prepaidAccount: [{ id: 'PP-1' }],
          chargingContract: [{ id: 'IOCDE-CC-0001' }, { id: 'IOCDE-CC-0002', rootChargingContractId: 'IOCDE-CC-0001' }],
        },
      },
    },
    invalid: [
      { request: {}, code: 'CUSTOMERDATA-1', category: 'invalid' },
      { request: { subscriberAccountId: 'IO-NOBODY' }, code: 'CUSTOMERDATA-2', category: 'doesNotExist' },
      { request: { subscriberAccountId: 'SA-IOCDE', rootChargingContractId: ['IOCDE-CC-0001'] }, code: 'CUSTOMERDATA-27', category: 'invalid' },
    ],
  },
  'customerDataExportImport/customerDataImport': {
    valid: {
      request: { onAlreadyExistingTable: 'overwrite', chargingContractOperationalStatusChangedTo: 'active', customerData: [customerData('IOCDI')] },
      expect: { status: 'return', summary: { subscriberAccount: { created: 1, unchanged: 0 }, chargingContract: { created: 2, unchanged: 0 } } },
    },
    invalid: [
      { request: { chargingContractOperationalStatusChangedTo: 'closed', customerData: [customerData('IOCDI-X')] }, code: 'CUSTOMERDATA-26', category: 'invalid' },
      { request: { onAlreadyExistingTable: 'sometimes', customerData: [customerData('IOCDI-Y')] }, code: 'REQUEST-106', category: 'invalid' },
    ],
  },
};
