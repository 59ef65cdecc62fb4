// Interop samples of contractProvisioning, operationalStatus and contractstate.
import { voiceStateChange } from '../../helpers/contractStates.ts';
import { LONG_ID, REFUSED_ITEM, RETURN, linkedOf, rootOf, sampleAccount, sampleContracts, withAccount, type OperationSamples } from './setup.ts';

const stateOf = (tag: string) => voiceStateChange(`${tag}-CC-0001`, 7);

export const CONTRACT_SAMPLES: Record<string, OperationSamples> = {
  'contractProvisioning/chargingContractMaintain': {
    setup: (server) => sampleAccount(server, 'IOCCM'),
    valid: { request: { chargingContract: rootOf('IOCCM') }, expect: { status: 'return', id: rootOf('IOCCM').id } },
    invalid: [{ request: { chargingContract: withAccount(rootOf('IOCCM-X'), 'IO-SA-NOBODY') }, code: 'CHARGINGCONTRACT-101', category: 'prerequisiteMissing' }],
  },
  'contractProvisioning/chargingContractCancel': {
    setup: (server) => sampleContracts(server, 'IOCCC'),
    valid: { request: { id: 'IOCCC-CC-0002' }, expect: { status: 'return', id: 'IOCCC-CC-0002' } },
    invalid: [
      { request: { id: 'IO-CC-NONE' }, code: 'CHARGINGCONTRACT-100', category: 'doesNotExist' },
      { request: { id: 'IOCCC-CC-0001' }, code: 'CHARGINGCONTRACT-114', category: 'illegalState' },
    ],
  },
  'contractProvisioning/chargingContractRead': {
    setup: (server) => sampleContracts(server, 'IOCCR'),
    valid: {
      request: { chargingContractId: 'IOCCR-CC-0001' },
      expect: { status: 'return', chargingContract: { ...rootOf('IOCCR'), operationalStatus: 'active' } },
    },
    invalid: [{ request: { chargingContractId: 'IO-CC-NONE' }, code: 'CHARGINGCONTRACT-100', category: 'doesNotExist' }],
  },
  'contractProvisioning/chargingContractFind': {
    setup: (server) => sampleContracts(server, 'IOCCF'),
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
    setup: (server) => sampleAccount(server, 'IOCCB'),
    valid: {
      request: { chargingContractMaintainRequest: [{ chargingContract: rootOf('IOCCB') }, { chargingContract: linkedOf('IOCCB') }] },
      expect: { status: 'return', chargingContractMaintainResponse: [{ status: 'return', id: rootOf('IOCCB').id }, { status: 'return', id: linkedOf('IOCCB').id }] },
    },
    invalid: [
      { request: { chargingContractMaintainRequest: [{ chargingContract: withAccount(rootOf('IOCCB-X'), 'IO-SA-NOBODY') }] }, code: 'CHARGINGCONTRACT-101', category: 'prerequisiteMissing' },
    ],
  },
  'contractProvisioning/chargingContractMaintainMass': {
    setup: (server) => sampleAccount(server, 'IOCCS'),
    valid: {
      request: {
        chargingContractMaintainRequest: [{ chargingContract: rootOf('IOCCS') }, { chargingContract: withAccount(rootOf('IOCCS-X'), 'IO-SA-NOBODY') }, { chargingContract: { ...rootOf('IOCCS-Y'), id: LONG_ID } }],
      },
      expect: { status: 'return', failures: 2, chargingContractMaintainResponse: [{ status: 'return', id: rootOf('IOCCS').id }, { status: 'error', error: { category: 'prerequisiteMissing' } }, REFUSED_ITEM('103')] },
    },
    invalid: [],
  },

  'operationalStatus/chargingContractOperationalStatusChange': {
    setup: (server) => sampleContracts(server, 'IOOS'),
    valid: { request: { rootChargingContractId: 'IOOS-CC-0001', operationalStatus: 'locked' }, expect: RETURN },
    invalid: [
      { request: { rootChargingContractId: 'IO-CC-NONE', operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-3', category: 'doesNotExist' },
      { request: { operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-2', category: 'invalid' },
      { request: { rootChargingContractId: 'IOOS-CC-0002', operationalStatus: 'locked' }, code: 'OPERATIONALSTATUS-4', category: 'invalid' },
      { request: { rootChargingContractId: 'IOOS-CC-0001', operationalStatus: 'closed' }, code: 'OPERATIONALSTATUS-7', category: 'illegalState' },
    ],
  },

  'contractstate/chargingContractStateChange': {
    setup: (server) => sampleContracts(server, 'IOST'),
    valid: { request: { chargingContractState: stateOf('IOST') }, expect: RETURN },
    invalid: [
      { request: { chargingContractState: { ...stateOf('IOST'), chargingContractId: 'IO-CC-NONE' } }, code: 'CONTRACTSTATE-10', category: 'doesNotExist' },
      { request: { chargingContractState: { chargingContractId: 'IOST-CC-0001', contractItemState: [{ chargingContractItemId: 'NOPE' }] } }, code: 'CONTRACTSTATE-2', category: 'invalid' },
    ],
  },
  'contractstate/chargingContractStateChangeBundle': {
    setup: (server) => sampleContracts(server, 'IOSTB'),
    valid: {
      request: { chargingContractStateChangeRequest: [{ chargingContractState: stateOf('IOSTB') }, { chargingContractState: voiceStateChange('IOSTB-CC-0001', 8) }] },
      expect: { status: 'return', chargingContractStateChangeResponse: [RETURN, RETURN] },
    },
    invalid: [
      {
        request: { chargingContractStateChangeRequest: [{ chargingContractState: stateOf('IOSTB') }, { chargingContractState: { ...stateOf('IOSTB'), chargingContractId: 'IO-CC-NONE' } }] },
        code: 'CONTRACTSTATE-10',
        category: 'doesNotExist',
      },
    ],
  },
  'contractstate/chargingContractStateChangeMass': {
    setup: (server) => sampleContracts(server, 'IOSTM'),
    valid: {
      request: {
        chargingContractStateChangeRequest: [
          { chargingContractState: stateOf('IOSTM') },
          { chargingContractState: { ...stateOf('IOSTM'), chargingContractId: 'IO-CC-NONE' } },
          { chargingContractState: { chargingContractId: LONG_ID } },
        ],
      },
      expect: { status: 'return', failures: 2, chargingContractStateChangeResponse: [RETURN, { status: 'error', error: { cause: { module: 'CONTRACTSTATE', code: '10' } } }, REFUSED_ITEM('103')] },
    },
    invalid: [],
  },
  'contractstate/chargingContractStateRead': {
    setup: (server) => sampleContracts(server, 'IOSTR'),
    valid: {
      request: { chargingContractId: 'IOSTR-CC-0001' },
      expect: { status: 'return', chargingContractState: { chargingContractId: 'IOSTR-CC-0001', contractItemState: [{ chargingContractItemId: 'VOICE' }, { chargingContractItemId: 'DATA' }] } },
    },
    invalid: [{ request: { chargingContractId: 'IO-CC-NONE' }, code: 'CONTRACTSTATE-11', category: 'doesNotExist' }],
  },
};
