// Interop samples of subscriberMappingTableManagement and the v3 subscriberRangeTableManagement.
import type { TestServer } from '../../helpers/server.ts';
import { RETURN, createAccount, given, type Json, type OperationSamples } from './setup.ts';

const MAPPING = 'subscriberMappingTableManagement';
const RANGE = 'subscriberRangeTableManagement';
const ON = '2026-06-01T00:00:00';

const friendsRow = (id: string, number: string, discount: string): Json => ({
  id,
  start: '2026-01-01T00:00:00',
  end: '2027-01-01T00:00:00',
  column: [
    { name: 'CALLED_NUMBER', string: number },
    { name: 'DISCOUNT_PCT', number: discount },
  ],
});
const mappingTable = (id: string, owner: string): Json => ({
  id,
  mappingTableClassId: 'MTC_FRIENDS',
  subscriberAccountId: owner,
  additionalInfo: [{ name: 'CHANNEL', string: 'shop' }],
  row: [friendsRow('r1', '+49301234567', '50')],
});

const tier = (id: string, upperBound?: string): Json => ({
  id,
  start: '2026-01-01T00:00:00',
  input: [
    { name: 'ZONE', string: 'EU' },
    { name: 'CURRENCY', currency: 'EUR' },
  ],
  ...(upperBound ? { upperBound } : {}),
  output: [
    { name: 'PRICE_PER_MB', number: upperBound ? '0.010000' : '0.002000' },
    { name: 'TIER_NAME', string: upperBound ? 'first GB' : 'beyond' },
  ],
});
const rangeTable = (id: string, owner: string): Json => ({ id, rangeTableClassId: 'RTC_DATA_TIERS', subscriberAccountId: owner, description: 'data tiers', row: [tier('r1', '1024'), tier('r2')] });

async function accountWithMappingTable(server: TestServer, owner: string, id: string): Promise<void> {
  await createAccount(server, owner);
  await given(server, MAPPING, 'mappingTableCreate', mappingTable(id, owner));
}

async function accountWithRangeTable(server: TestServer, owner: string, id: string): Promise<void> {
  await createAccount(server, owner);
  await given(server, RANGE, 'rangeTableMaintain', { subscriberRangeTable: rangeTable(id, owner) });
}

export const TABLE_SAMPLES: Record<string, OperationSamples> = {
  [`${MAPPING}/mappingTableCreate`]: {
    setup: (server) => createAccount(server, 'IO-MTC'),
    valid: { request: mappingTable('IO-MT-C', 'IO-MTC'), expect: { ...RETURN, id: 'IO-MT-C' } },
    invalid: [
      { request: { ...mappingTable('IO-MT-C', 'IO-MTC'), mappingTableClassId: 'NOPE' }, code: 'MAPPINGTABLE-102', category: 'prerequisiteMissing' },
      { request: mappingTable('IO-MT-C', 'IO-SA-NOBODY'), code: 'MAPPINGTABLE-105', category: 'prerequisiteMissing' },
    ],
  },
  [`${MAPPING}/mappingTableMaintain`]: {
    setup: (server) => createAccount(server, 'IO-MTM'),
    valid: { request: mappingTable('IO-MT-M', 'IO-MTM'), expect: { ...RETURN, id: 'IO-MT-M' } },
    invalid: [
      {
        request: { ...mappingTable('IO-MT-M', 'IO-MTM'), row: [friendsRow('r1', '+4930', '10'), friendsRow('r2', '+4930', '20')] },
        code: 'MAPPINGTABLE-104',
        category: 'invalid',
      },
    ],
  },
  [`${MAPPING}/mappingTableCancel`]: {
    setup: (server) => accountWithMappingTable(server, 'IO-MTX', 'IO-MT-X'),
    valid: { request: { id: 'IO-MT-X' }, expect: { ...RETURN, id: 'IO-MT-X' } },
    invalid: [{ request: { id: 'IO-MT-NONE' }, code: 'MAPPINGTABLE-100', category: 'doesNotExist' }],
  },
  [`${MAPPING}/mappingTableFind`]: {
    setup: (server) => accountWithMappingTable(server, 'IO-MTF', 'IO-MT-F'),
    valid: {
      request: { filter: { subscriberAccountId: 'IO-MTF', mappingTableClassId: 'MTC_FRIENDS' }, searchFilter: { totalCountRequired: true } },
      expect: { status: 'return', subscriberMappingTable: [mappingTable('IO-MT-F', 'IO-MTF')], totalCount: 1, lastUniqueId: 'IO-MT-F' },
    },
    invalid: [{ request: { searchFilter: { searchWindow: { windowSize: 1001 } } }, code: 'REQUEST-113', category: 'invalid' }],
  },
  [`${MAPPING}/mappingTableRowMaintain`]: {
    setup: (server) => accountWithMappingTable(server, 'IO-MTR', 'IO-MT-R'),
    valid: { request: { mappingTableId: 'IO-MT-R', row: [friendsRow('r2', '+33123456789', '25')] }, expect: { ...RETURN, mappingTableId: 'IO-MT-R' } },
    invalid: [
      { request: { mappingTableId: 'IO-MT-NONE', row: [friendsRow('r2', '+33123456789', '25')] }, code: 'MAPPINGTABLE-100', category: 'doesNotExist' },
      { request: { mappingTableId: 'IO-MT-R', row: [friendsRow('r3', '+49301234567', '25')] }, code: 'MAPPINGTABLE-104', category: 'invalid' },
    ],
  },
  [`${MAPPING}/mappingTableRowCancel`]: {
    setup: (server) => accountWithMappingTable(server, 'IO-MTRC', 'IO-MT-RC'),
    valid: { request: { mappingTableId: 'IO-MT-RC', id: ['r1'] }, expect: { ...RETURN, mappingTableId: 'IO-MT-RC' } },
    invalid: [{ request: { mappingTableId: 'IO-MT-RC', id: ['r9'] }, code: 'MAPPINGTABLE-106', category: 'doesNotExist' }],
  },
  [`${MAPPING}/mappingTableLookup`]: {
    setup: (server) => accountWithMappingTable(server, 'IO-MTL', 'IO-MT-L'),
    valid: {
      request: { mappingTableId: 'IO-MT-L', input: [{ name: 'CALLED_NUMBER', string: '+49301234567' }], date: ON },
      expect: { status: 'return', column: [{ name: 'DISCOUNT_PCT', number: '50' }] },
    },
    invalid: [
      { request: { mappingTableId: 'IO-MT-L', input: [{ name: 'CALLED_NUMBER', string: '+49301234567' }], date: '2028-01-01T00:00:00' }, code: 'MAPPINGTABLE-108', category: 'doesNotExist' },
      { request: { mappingTableId: 'IO-MT-L', input: [{ name: 'CALLED_NUMBER', string: '+4930' }], date: '2026-02-30T00:00:00' }, code: 'REQUEST-105', category: 'invalid' },
    ],
  },

  [`${RANGE}/rangeTableMaintain`]: {
    setup: (server) => createAccount(server, 'IO-RTM'),
    valid: { request: { subscriberRangeTable: rangeTable('IO-RT-M', 'IO-RTM') }, expect: RETURN },
    invalid: [
      { request: { subscriberRangeTable: { ...rangeTable('IO-RT-M', 'IO-RTM'), rangeTableClassId: 'NOPE' } }, code: 'RANGETABLE-100', category: 'prerequisiteMissing' },
      { request: { subscriberRangeTable: { ...rangeTable('IO-RT-M', 'IO-RTM'), row: [{ ...tier('r1', '10'), output: [] }] } }, code: 'RANGETABLE-5', category: 'invalid' },
    ],
  },
  [`${RANGE}/rangeTableCancel`]: {
    setup: (server) => accountWithRangeTable(server, 'IO-RTX', 'IO-RT-X'),
    valid: { request: { rangeTableId: 'IO-RT-X' }, expect: RETURN },
    invalid: [{ request: { rangeTableId: 'IO-RT-NONE' }, code: 'RANGETABLE-154', category: 'doesNotExist' }],
  },
  [`${RANGE}/rangeTableRead`]: {
    setup: (server) => accountWithRangeTable(server, 'IO-RTR', 'IO-RT-R'),
    valid: { request: { rangeTableId: 'IO-RT-R' }, expect: { status: 'return', subscriberRangeTable: rangeTable('IO-RT-R', 'IO-RTR') } },
    invalid: [{ request: { rangeTableId: 'IO-RT-NONE' }, code: 'RANGETABLE-154', category: 'doesNotExist' }],
  },
  [`${RANGE}/rangeTableFind`]: {
    setup: (server) => accountWithRangeTable(server, 'IO-RTF', 'IO-RT-F'),
    valid: {
      request: { filter: { subscriberAccountId: 'IO-RTF' }, searchFilter: { totalCountRequired: true } },
      expect: { status: 'return', subscriberRangeTable: [{ id: 'IO-RT-F' }], totalCount: 1, lastUniqueId: 'IO-RT-F' },
    },
    invalid: [{ request: { searchFilter: { searchWindow: { windowSize: -1 } } }, code: 'REQUEST-113', category: 'invalid' }],
  },
  [`${RANGE}/rangeTableLookup`]: {
    setup: (server) => accountWithRangeTable(server, 'IO-RTL', 'IO-RT-L'),
    valid: {
      request: { rangeTableId: 'IO-RT-L', input: [{ name: 'ZONE', string: 'EU' }, { name: 'CURRENCY', currency: 'EUR' }], value: '1024', date: ON },
      expect: { status: 'return', output: [{ name: 'PRICE_PER_MB', number: '0.010000' }, { name: 'TIER_NAME', string: 'first GB' }] },
    },
    invalid: [
      { request: { rangeTableId: 'IO-RT-NONE', input: [{ name: 'ZONE', string: 'EU' }, { name: 'CURRENCY', currency: 'EUR' }], value: '1', date: ON }, code: 'RANGETABLE-154', category: 'doesNotExist' },
      { request: { rangeTableId: 'IO-RT-L', input: [{ name: 'ZONE', string: 'EU' }, { name: 'CURRENCY', currency: 'EUR' }], value: '1', date: '2025-01-01T00:00:00' }, code: 'RANGETABLE-104', category: 'doesNotExist' },
    ],
  },
};
