// Sample requests for every operation of the registry, in JSON form, for the interop
// suite: one valid call with the response fields it must carry, and at least one
// invalid call with its error code. The suite fails when a registered operation has
// no entry here: add yours with the operation.
//
// Each entry's set-up (through the JSON API) creates what its calls need under ids
// of its own, so entries do not depend on each other or on their order. Write
// requests zeep can send: it leaves out nothing required and checks no facets, so
// an invalid call breaks a facet (a length, an enumeration, a range) or a business
// rule. zeep reads `<noTax/>` back as nothing: expect no empty elements.
import type { TestServer } from '../helpers/server.ts';
import { maintainContract, provisionAccount, taggedSample } from '../helpers/customerData.ts';
import type { ChargingContract } from '../../src/schema/customerData.ts';

type Json = Record<string, unknown>;

export interface InvalidCall {
  request: Json;
  /** the error code of the Failure, e.g. REQUEST-103 */
  code: string;
  category?: string;
}

export interface OperationSamples {
  /** creates what the calls need, through the JSON API */
  setup?: (server: TestServer) => Promise<void>;
  valid: { request: Json; expect: Json };
  invalid: InvalidCall[];
}

const LONG_ID = 'x'.repeat(257);
const RETURN = { status: 'return' };

const account = (id: string): Json => ({
  id,
  subscriberId: `BP-${id}`,
  description: 'Interop Example & Co',
  tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
  additionalInfo: [
    { name: 'SEGMENT', string: 'consumer' },
    { name: 'SCORE', number: '0.30' },
    { name: 'SINCE', date: '2024-02-29T12:00:00' },
  ],
});

async function createAccount(server: TestServer, id: string): Promise<void> {
  const created = await server.call('suacProvisioning', 'subscriberAccountMaintain', { subscriberAccount: account(id) });
  if (created.body.status !== 'return') throw new Error(`set-up of ${id}: ${JSON.stringify(created.body)}`);
}

/** The sample customer data under `tag`, its account (with prepaid and external accounts) created. */
async function contractsOf(server: TestServer, tag: string): Promise<{ root: ChargingContract; linked: ChargingContract }> {
  const sample = taggedSample(tag);
  await provisionAccount(server, sample);
  return { root: sample.root, linked: sample.linked };
}

async function createContracts(server: TestServer, tag: string): Promise<void> {
  const { root, linked } = await contractsOf(server, tag);
  for (const contract of [root, linked]) {
    const maintained = await maintainContract(server, contract);
    if (maintained.body.status !== 'return') throw new Error(`set-up of ${contract.id}: ${JSON.stringify(maintained.body)}`);
  }
}

const rootOf = (tag: string): ChargingContract => taggedSample(tag).root;
const withAccount = (contract: ChargingContract, subscriberAccountId: string): ChargingContract => ({ ...contract, subscriberAccountId });

export const SAMPLES: Record<string, OperationSamples> = {
  'echo/echo': {
    valid: { request: { text: 'ping <&> ü' }, expect: { status: 'return', text: 'ping <&> ü' } },
    invalid: [{ request: { text: 'x'.repeat(2001) }, code: 'REQUEST-103', category: 'invalid' }],
  },

  'suacProvisioning/subscriberAccountMaintain': {
    valid: { request: { subscriberAccount: account('IO-SA-MAINTAIN') }, expect: RETURN },
    invalid: [
      { request: { subscriberAccount: { ...account('IO-SA-BAD'), tax: { mode: 'sometimes' } } }, code: 'REQUEST-106', category: 'invalid' },
      { request: { subscriberAccount: { ...account('IO-SA-BAD'), tax: { mode: 'noTax', vat: { taxCode: 'VAT_NONE' } } } }, code: 'SUBSCRIBERACCOUNT-102', category: 'prerequisiteMissing' },
    ],
  },
  'suacProvisioning/subscriberAccountCancel': {
    setup: (server) => createAccount(server, 'IO-SA-CANCEL'),
    valid: { request: { subscriberAccountId: 'IO-SA-CANCEL' }, expect: RETURN },
    invalid: [{ request: { subscriberAccountId: 'IO-SA-NOBODY' }, code: 'SUBSCRIBERACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/subscriberAccountRead': {
    setup: (server) => createAccount(server, 'IO-SA-READ'),
    valid: { request: { subscriberAccountId: 'IO-SA-READ' }, expect: { status: 'return', subscriberAccount: account('IO-SA-READ') } },
    invalid: [
      { request: { subscriberAccountId: 'IO-SA-NOBODY' }, code: 'SUBSCRIBERACCOUNT-100', category: 'doesNotExist' },
      { request: { subscriberAccountId: LONG_ID }, code: 'REQUEST-103', category: 'invalid' },
    ],
  },
  'suacProvisioning/subscriberAccountReadFully': {
    setup: async (server) => void (await contractsOf(server, 'IOFULL')),
    valid: {
      request: { subscriberAccountId: 'SA-IOFULL' },
      expect: { status: 'return', subscriberAccount: { id: 'SA-IOFULL', externalAccount: [{ id: 'EXT-1' }], prepaidAccount: [{ id: 'PP-1', emptyLimit: '0' }] } },
    },
    invalid: [{ request: { subscriberAccountId: 'IO-SA-NOBODY' }, code: 'SUBSCRIBERACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/subscriberAccountFind': {
    setup: async (server) => {
      for (const id of ['IO-SA-FIND-1', 'IO-SA-FIND-2', 'IO-SA-FIND-3']) await createAccount(server, id);
    },
    valid: {
      request: { filter: { additionalInfo: [{ name: 'SEGMENT', string: 'consumer' }] }, searchFilter: { searchWindow: { windowSize: 2, fromUniqueId: 'IO-SA-FIND-0' }, totalCountRequired: true } },
      expect: { status: 'return', subscriberAccount: [{ id: 'IO-SA-FIND-1' }, { id: 'IO-SA-FIND-2' }], lastUniqueId: 'IO-SA-FIND-2' },
    },
    invalid: [{ request: { searchFilter: { searchWindow: { windowSize: 5000 } } }, code: 'REQUEST-113', category: 'invalid' }],
  },
  'suacProvisioning/subscriberAccountMaintainBundle': {
    valid: {
      request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account('IO-SA-BUNDLE-1') }, { subscriberAccount: account('IO-SA-BUNDLE-2') }] },
      expect: { status: 'return', subscriberAccountMaintainResponse: [RETURN, RETURN] },
    },
    invalid: [
      {
        request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account('IO-SA-BUNDLE-3') }, { subscriberAccount: { ...account('IO-SA-BUNDLE-4'), tax: { mode: 'noTax', vat: { taxCode: 'VAT_NONE' } } } }] },
        code: 'SUBSCRIBERACCOUNT-102',
        category: 'prerequisiteMissing',
      },
    ],
  },
  'suacProvisioning/subscriberAccountMaintainMass': {
    valid: {
      request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account('IO-SA-MASS-1') }, { subscriberAccount: { ...account('IO-SA-MASS-2'), tax: { mode: 'noTax', vat: { taxCode: 'VAT_NONE' } } } }] },
      expect: { status: 'return', failures: 1, subscriberAccountMaintainResponse: [RETURN, { status: 'error', error: { cause: { module: 'SUBSCRIBERACCOUNT', code: '102' } } }] },
    },
    invalid: [{ request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account(LONG_ID) }] }, code: 'REQUEST-103', category: 'invalid' }],
  },

  'contractProvisioning/chargingContractMaintain': {
    setup: async (server) => void (await contractsOf(server, 'IOCCM')),
    valid: { request: { chargingContract: rootOf('IOCCM') }, expect: RETURN },
    invalid: [{ request: { chargingContract: withAccount(rootOf('IOCCM-X'), 'IO-SA-NOBODY') }, code: 'CHARGINGCONTRACT-101', category: 'prerequisiteMissing' }],
  },
  'contractProvisioning/chargingContractCancel': {
    setup: (server) => createContracts(server, 'IOCCC'),
    valid: { request: { chargingContractId: 'IOCCC-CC-0002' }, expect: RETURN },
    invalid: [
      { request: { chargingContractId: 'IO-CC-NONE' }, code: 'CHARGINGCONTRACT-100', category: 'doesNotExist' },
      { request: { chargingContractId: 'IOCCC-CC-0001' }, code: 'CHARGINGCONTRACT-114', category: 'illegalState' },
    ],
  },
  'contractProvisioning/chargingContractRead': {
    setup: (server) => createContracts(server, 'IOCCR'),
    valid: {
      request: { chargingContractId: 'IOCCR-CC-0002' },
      expect: { status: 'return', chargingContract: { id: 'IOCCR-CC-0002', subscriberAccountId: 'SA-IOCCR', rootChargingContractId: 'IOCCR-CC-0001', operationalStatus: 'active' } },
    },
    invalid: [{ request: { chargingContractId: 'IO-CC-NONE' }, code: 'CHARGINGCONTRACT-100', category: 'doesNotExist' }],
  },
  'contractProvisioning/chargingContractFind': {
    setup: (server) => createContracts(server, 'IOCCF'),
    valid: {
      request: { filter: { subscriberAccountId: 'SA-IOCCF', operationalStatus: 'active' }, searchFilter: { totalCountRequired: true } },
      expect: { status: 'return', chargingContract: [{ id: 'IOCCF-CC-0001' }, { id: 'IOCCF-CC-0002' }], totalCount: 2, lastUniqueId: 'IOCCF-CC-0002' },
    },
    invalid: [
      { request: { filter: { operationalStatus: 'asleep' } }, code: 'REQUEST-106', category: 'invalid' },
      { request: { searchFilter: { searchWindow: { windowSize: 0 } } }, code: 'REQUEST-113', category: 'invalid' },
    ],
  },
  'contractProvisioning/chargingContractMaintainBundle': {
    setup: async (server) => void (await contractsOf(server, 'IOCCB')),
    valid: {
      request: { chargingContractMaintainRequest: [{ chargingContract: taggedSample('IOCCB').root }, { chargingContract: taggedSample('IOCCB').linked }] },
      expect: { status: 'return', chargingContractMaintainResponse: [RETURN, RETURN] },
    },
    invalid: [
      {
        request: { chargingContractMaintainRequest: [{ chargingContract: withAccount(rootOf('IOCCB-X'), 'IO-SA-NOBODY') }] },
        code: 'CHARGINGCONTRACT-101',
        category: 'prerequisiteMissing',
      },
    ],
  },
  'contractProvisioning/chargingContractMaintainMass': {
    setup: async (server) => void (await contractsOf(server, 'IOCCS')),
    valid: {
      request: { chargingContractMaintainRequest: [{ chargingContract: taggedSample('IOCCS').root }, { chargingContract: withAccount(rootOf('IOCCS-X'), 'IO-SA-NOBODY') }] },
      expect: { status: 'return', failures: 1, chargingContractMaintainResponse: [RETURN, { status: 'error', error: { category: 'prerequisiteMissing' } }] },
    },
    invalid: [{ request: { chargingContractMaintainRequest: [{ chargingContract: { ...rootOf('IOCCS-Y'), id: LONG_ID } }] }, code: 'REQUEST-103', category: 'invalid' }],
  },

  'operationalStatus/chargingContractOperationalStatusChange': {
    setup: (server) => createContracts(server, 'IOOS'),
    valid: { request: { rootChargingContractId: 'IOOS-CC-0001', operationalStatus: 'locked' }, expect: RETURN },
    invalid: [
      { request: { rootChargingContractId: 'IO-CC-NONE', operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-3', category: 'doesNotExist' },
      { request: { operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-2', category: 'invalid' },
      { request: { rootChargingContractId: 'IOOS-CC-0002', operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-4', category: 'invalid' },
    ],
  },
};
