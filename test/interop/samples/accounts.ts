// Interop samples of echo and suacProvisioning: subscriber, external and prepaid accounts.
import type { TestServer } from '../../helpers/server.ts';
import { LONG_ID, REFUSED_ITEM, RETURN, account, createAccount, given, sampleAccount, type Json, type OperationSamples } from './setup.ts';

const external = (subscriberAccountId: string, id: string): Json => ({ id, subscriberAccountId, description: 'FI-CA contract account', currencyCode: 'EUR', externalSystemCode: 'FICA' });
const prepaid = (subscriberAccountId: string, id: string): Json => ({
  id,
  subscriberAccountId,
  currencyCode: 'EUR',
  emptyLimit: '-10.00',
  stateSchedule: { item: [{ stateCode: 'blocked', fromDate: '2027-12-31T00:00:00' }] },
  amountAlert: [{ alertCode: 'LOW', amountThreshold: '5.00' }],
});
const noSuchTax = (id: string): Json => ({ ...account(id), tax: { mode: 'noTax', vat: { taxCode: 'VAT_NONE' } } });

const externalAccount = (server: TestServer, owner: string, id: string) =>
  given(server, 'suacProvisioning', 'externalAccountMaintain', { externalAccount: external(owner, id) });
const prepaidAccount = (server: TestServer, owner: string, id: string) =>
  given(server, 'suacProvisioning', 'prepaidAccountMaintain', { prepaidAccount: prepaid(owner, id) });

export const ACCOUNT_SAMPLES: Record<string, OperationSamples> = {
  'echo/echo': {
    valid: { request: { text: 'ping <&> ü' }, expect: { status: 'return', text: 'ping <&> ü' } },
    invalid: [{ request: { text: 'x'.repeat(2001) }, code: 'REQUEST-103', category: 'invalid' }],
  },

  'suacProvisioning/subscriberAccountMaintain': {
    valid: { request: { subscriberAccount: account('IO-SA-MAINTAIN') }, expect: RETURN },
    invalid: [
      { request: { subscriberAccount: { ...account('IO-SA-BAD'), tax: { mode: 'sometimes' } } }, code: 'REQUEST-106', category: 'invalid' },
      { request: { subscriberAccount: noSuchTax('IO-SA-BAD') }, code: 'SUBSCRIBERACCOUNT-102', category: 'prerequisiteMissing' },
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
    setup: (server) => sampleAccount(server, 'IOFULL'),
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
        request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account('IO-SA-BUNDLE-3') }, { subscriberAccount: noSuchTax('IO-SA-BUNDLE-4') }] },
        code: 'SUBSCRIBERACCOUNT-102',
        category: 'prerequisiteMissing',
      },
    ],
  },
  'suacProvisioning/subscriberAccountMaintainMass': {
    valid: {
      // an item that breaks a facet (an id too long) fails on its own, as one a rule refuses
      request: { subscriberAccountMaintainRequest: [{ subscriberAccount: account('IO-SA-MASS-1') }, { subscriberAccount: noSuchTax('IO-SA-MASS-2') }, { subscriberAccount: account(LONG_ID) }] },
      expect: {
        status: 'return',
        failures: 2,
        subscriberAccountMaintainResponse: [RETURN, { status: 'error', error: { cause: { module: 'SUBSCRIBERACCOUNT', code: '102' } } }, REFUSED_ITEM('103')],
      },
    },
    invalid: [],
  },

  'suacProvisioning/externalAccountMaintain': {
    setup: (server) => createAccount(server, 'IO-EXT'),
    valid: { request: { externalAccount: external('IO-EXT', 'EXT-M') }, expect: RETURN },
    invalid: [
      { request: { externalAccount: external('IO-SA-NOBODY', 'EXT-M') }, code: 'EXTERNALACCOUNT-101', category: 'prerequisiteMissing' },
      { request: { externalAccount: { ...external('IO-EXT', 'EXT-M'), currencyCode: 'XXX' } }, code: 'EXTERNALACCOUNT-102', category: 'prerequisiteMissing' },
    ],
  },
  'suacProvisioning/externalAccountCancel': {
    setup: async (server) => {
      await createAccount(server, 'IO-EXTC');
      await externalAccount(server, 'IO-EXTC', 'EXT-C');
    },
    valid: { request: { externalAccountReference: { subscriberAccountId: 'IO-EXTC', externalAccountId: 'EXT-C' } }, expect: RETURN },
    invalid: [{ request: { externalAccountReference: { subscriberAccountId: 'IO-EXTC', externalAccountId: 'EXT-NONE' } }, code: 'EXTERNALACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/externalAccountRead': {
    setup: async (server) => {
      await createAccount(server, 'IO-EXTR');
      await externalAccount(server, 'IO-EXTR', 'EXT-R');
    },
    valid: { request: { externalAccountReference: { subscriberAccountId: 'IO-EXTR', externalAccountId: 'EXT-R' } }, expect: { status: 'return', externalAccount: external('IO-EXTR', 'EXT-R') } },
    invalid: [{ request: { externalAccountReference: { subscriberAccountId: 'IO-EXTR', externalAccountId: 'EXT-NONE' } }, code: 'EXTERNALACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/externalAccountMaintainBundle': {
    setup: (server) => createAccount(server, 'IO-EXTB'),
    valid: {
      request: { externalAccountMaintainRequest: [{ externalAccount: external('IO-EXTB', 'EXT-B1') }, { externalAccount: external('IO-EXTB', 'EXT-B2') }] },
      expect: { status: 'return', externalAccountMaintainResponse: [RETURN, RETURN] },
    },
    invalid: [{ request: { externalAccountMaintainRequest: [{ externalAccount: external('IO-SA-NOBODY', 'EXT-B3') }] }, code: 'EXTERNALACCOUNT-101', category: 'prerequisiteMissing' }],
  },
  'suacProvisioning/externalAccountMaintainMass': {
    setup: (server) => createAccount(server, 'IO-EXTS'),
    valid: {
      request: { externalAccountMaintainRequest: [{ externalAccount: external('IO-EXTS', 'EXT-S1') }, { externalAccount: external('IO-SA-NOBODY', 'EXT-S2') }, { externalAccount: external('IO-EXTS', LONG_ID) }] },
      expect: { status: 'return', failures: 2, externalAccountMaintainResponse: [RETURN, { status: 'error', error: { category: 'prerequisiteMissing' } }, REFUSED_ITEM('103')] },
    },
    invalid: [],
  },

  'suacProvisioning/prepaidAccountMaintain': {
    setup: (server) => createAccount(server, 'IO-PP'),
    valid: { request: { prepaidAccount: prepaid('IO-PP', 'PP-M') }, expect: RETURN },
    invalid: [
      {
        request: { prepaidAccount: { ...prepaid('IO-PP', 'PP-M'), stateSchedule: { item: [{ stateCode: 'locked', fromDate: '2027-01-01T00:00:00' }, { stateCode: 'blocked', fromDate: '2028-01-01T00:00:00' }] } } },
        code: 'PREPAIDACCOUNT-103',
        category: 'invalid',
      },
      { request: { prepaidAccount: { ...prepaid('IO-PP', 'PP-M'), currencyCode: 'XXX' } }, code: 'PREPAIDACCOUNT-102', category: 'prerequisiteMissing' },
    ],
  },
  'suacProvisioning/prepaidAccountCancel': {
    setup: async (server) => {
      await createAccount(server, 'IO-PPC');
      await prepaidAccount(server, 'IO-PPC', 'PP-C');
    },
    valid: { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPC', prepaidAccountId: 'PP-C' } }, expect: RETURN },
    invalid: [{ request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPC', prepaidAccountId: 'PP-NONE' } }, code: 'PREPAIDACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/prepaidAccountRead': {
    setup: async (server) => {
      await createAccount(server, 'IO-PPR');
      await prepaidAccount(server, 'IO-PPR', 'PP-R');
    },
    valid: {
      request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPR', prepaidAccountId: 'PP-R' } },
      expect: { status: 'return', prepaidAccount: { ...prepaid('IO-PPR', 'PP-R'), currentState: 'active' } },
    },
    invalid: [{ request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPR', prepaidAccountId: 'PP-NONE' } }, code: 'PREPAIDACCOUNT-100', category: 'doesNotExist' }],
  },
  'suacProvisioning/prepaidAccountStateChange': {
    setup: async (server) => {
      await createAccount(server, 'IO-PPS');
      await prepaidAccount(server, 'IO-PPS', 'PP-S');
    },
    valid: { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPS', prepaidAccountId: 'PP-S' }, stateCode: 'blocked' }, expect: RETURN },
    invalid: [
      { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPS', prepaidAccountId: 'PP-S' }, stateCode: 'asleep' }, code: 'REQUEST-106', category: 'invalid' },
      { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPS', prepaidAccountId: 'PP-NONE' }, stateCode: 'blocked' }, code: 'PREPAIDACCOUNT-100', category: 'doesNotExist' },
    ],
  },
  'suacProvisioning/prepaidAccountBalanceSet': {
    setup: async (server) => {
      await createAccount(server, 'IO-PPB');
      await prepaidAccount(server, 'IO-PPB', 'PP-B');
    },
    valid: { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPB', prepaidAccountId: 'PP-B' }, balance: '12.50', reason: 'migration from the legacy system' }, expect: RETURN },
    invalid: [
      { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPB', prepaidAccountId: 'PP-B' }, balance: '1.234', reason: 'too precise' }, code: 'PREPAIDACCOUNT-108', category: 'invalid' },
      { request: { prepaidAccountReference: { subscriberAccountId: 'IO-PPB', prepaidAccountId: 'PP-B' }, balance: '1.5.0', reason: 'not a number' }, code: 'REQUEST-104', category: 'invalid' },
    ],
  },
  'suacProvisioning/prepaidAccountMaintainBundle': {
    setup: (server) => createAccount(server, 'IO-PPBU'),
    valid: {
      request: { prepaidAccountMaintainRequest: [{ prepaidAccount: prepaid('IO-PPBU', 'PP-B1') }, { prepaidAccount: prepaid('IO-PPBU', 'PP-B2') }] },
      expect: { status: 'return', prepaidAccountMaintainResponse: [RETURN, RETURN] },
    },
    invalid: [{ request: { prepaidAccountMaintainRequest: [{ prepaidAccount: prepaid('IO-SA-NOBODY', 'PP-B3') }] }, code: 'PREPAIDACCOUNT-101', category: 'prerequisiteMissing' }],
  },
  'suacProvisioning/prepaidAccountMaintainMass': {
    setup: (server) => createAccount(server, 'IO-PPMA'),
    valid: {
      request: {
        prepaidAccountMaintainRequest: [{ prepaidAccount: prepaid('IO-PPMA', 'PP-S1') }, { prepaidAccount: prepaid('IO-SA-NOBODY', 'PP-S2') }, { prepaidAccount: { ...prepaid('IO-PPMA', 'PP-S3'), emptyLimit: '1e3' } }],
      },
      expect: { status: 'return', failures: 2, prepaidAccountMaintainResponse: [RETURN, { status: 'error', error: { category: 'prerequisiteMissing' } }, REFUSED_ITEM('104')] },
    },
    invalid: [],
  },
};
