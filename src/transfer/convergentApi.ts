// The operations a transfer calls on a server, typed: each is one public JSON call
// (or a paged series of them). Types only from the schemas; no handler is imported.
import type { ChargingContract, CustomerData, OperationalStatus, PrepaidAccount, PrepaidState } from '../schema/customerData.ts';
import type { ChargingContractState } from '../schema/contractState.ts';
import type { CatalogDocument } from '../model/catalog.ts';
import { RemoteFailure, RemoteServer } from './remote.ts';

const FIND_WINDOW = 1000;
export const MAX_BUNDLE_ITEMS = 1000;

export interface PrepaidAccountReference {
  subscriberAccountId: string;
  prepaidAccountId: string;
}

/** The answer is the object does not exist: a read that finds nothing, a cancel already done. */
export const isDoesNotExist = (error: unknown): boolean => error instanceof RemoteFailure && error.category === 'doesNotExist';

export class ConvergentApi {
  readonly server: RemoteServer;

  constructor(server: RemoteServer) {
    this.server = server;
  }

  get url(): string {
    return this.server.url;
  }

  catalog(): Promise<{ fingerprint: string; catalog: CatalogDocument }> {
    return this.server.get('/api/v1/catalog');
  }

  /** Every charging contract of an account, with status and transfer date; SUBSCRIBERACCOUNT-100 when there is no such account. */
  async contractsOf(subscriberAccountId: string): Promise<ChargingContract[]> {
    const contracts: ChargingContract[] = [];
    let fromUniqueId: string | undefined;
    for (;;) {
      const searchWindow = { windowSize: FIND_WINDOW, ...(fromUniqueId === undefined ? {} : { fromUniqueId }) };
      const page = await this.server.call<{ chargingContract?: ChargingContract[]; lastUniqueId?: string }>('contractProvisioning', 'chargingContractFind', {
        filter: { subscriberAccountId },
        searchFilter: { searchWindow },
      });
      contracts.push(...(page.chargingContract ?? []));
      if ((page.chargingContract ?? []).length < FIND_WINDOW || page.lastUniqueId === undefined) break;
      fromUniqueId = page.lastUniqueId;
    }
    // an account without contracts and no account look alike to a find: the read tells them apart
    if (!contracts.length) await this.server.call('suacProvisioning', 'subscriberAccountRead', { subscriberAccountId });
    return contracts;
  }

  async contract(chargingContractId: string): Promise<ChargingContract> {
    return (await this.server.call<{ chargingContract: ChargingContract }>('contractProvisioning', 'chargingContractRead', { chargingContractId })).chargingContract;
  }

  async setOperationalStatus(rootChargingContractId: string, operationalStatus: OperationalStatus): Promise<void> {
    await this.server.call('operationalStatus', 'chargingContractOperationalStatusChange', { rootChargingContractId, operationalStatus });
  }

  /** Everything the account owns; undefined when there is no such account. */
  async exportAccount(subscriberAccountId: string): Promise<CustomerData | undefined> {
    try {
      return (await this.server.call<{ customerData: CustomerData }>('customerDataExportImport', 'customerDataExport', { subscriberAccountId })).customerData;
    } catch (error) {
      if (isDoesNotExist(error)) return undefined;
      throw error;
    }
  }

  /** The account with those roots, their linked contracts and all its accounts and tables. */
  async exportRoots(rootChargingContractId: string[]): Promise<CustomerData> {
    return (await this.server.call<{ customerData: CustomerData }>('customerDataExportImport', 'customerDataExport', { rootChargingContractId })).customerData;
  }

  async importCustomerData(customerData: CustomerData[], chargingContractOperationalStatusChangedTo: 'active' | 'locked'): Promise<void> {
    await this.server.call('customerDataExportImport', 'customerDataImport', { chargingContractOperationalStatusChangedTo, customerData });
  }

  async contractState(chargingContractId: string): Promise<ChargingContractState> {
    return (await this.server.call<{ chargingContractState: ChargingContractState }>('contractstate', 'chargingContractStateRead', { chargingContractId })).chargingContractState;
  }

  /** All of them or none, in bundles of at most 1000. */
  async changeContractStates(states: ChargingContractState[]): Promise<void> {
    for (let start = 0; start < states.length; start += MAX_BUNDLE_ITEMS) {
      const chargingContractStateChangeRequest = states.slice(start, start + MAX_BUNDLE_ITEMS).map((chargingContractState) => ({ chargingContractState }));
      await this.server.call('contractstate', 'chargingContractStateChangeBundle', { chargingContractStateChangeRequest });
    }
  }

  async prepaidAccount(prepaidAccountReference: PrepaidAccountReference): Promise<PrepaidAccount> {
    return (await this.server.call<{ prepaidAccount: PrepaidAccount }>('suacProvisioning', 'prepaidAccountRead', { prepaidAccountReference })).prepaidAccount;
  }

  async setPrepaidBalance(prepaidAccountReference: PrepaidAccountReference, balance: string, reason: string): Promise<void> {
    await this.server.call('suacProvisioning', 'prepaidAccountBalanceSet', { prepaidAccountReference, balance, reason });
  }

  async setPrepaidState(prepaidAccountReference: PrepaidAccountReference, stateCode: PrepaidState): Promise<void> {
    await this.server.call('suacProvisioning', 'prepaidAccountStateChange', { prepaidAccountReference, stateCode });
  }

  /** Cancels of the removal of a partial import: one already gone counts as done. */
  cancelContract(chargingContractId: string): Promise<void> {
    return this.cancel('contractProvisioning', 'chargingContractCancel', { id: chargingContractId });
  }

  /** SAP CC's `{id}`; a destination from before issue 21 refuses it (REQUEST-101/102) and takes `{mappingTableId}`. */
  async cancelMappingTable(mappingTableId: string): Promise<void> {
    try {
      await this.cancel('subscriberMappingTableManagement', 'mappingTableCancel', { id: mappingTableId });
    } catch (error) {
      if (!(error instanceof RemoteFailure && (error.code === 'REQUEST-101' || error.code === 'REQUEST-102'))) throw error;
      await this.cancel('subscriberMappingTableManagement', 'mappingTableCancel', { mappingTableId });
    }
  }

  cancelRangeTable(rangeTableId: string): Promise<void> {
    return this.cancel('subscriberRangeTableManagement', 'rangeTableCancel', { rangeTableId });
  }

  cancelPrepaidAccount(subscriberAccountId: string, prepaidAccountId: string): Promise<void> {
    return this.cancel('suacProvisioning', 'prepaidAccountCancel', { prepaidAccountReference: { subscriberAccountId, prepaidAccountId } });
  }

  cancelExternalAccount(subscriberAccountId: string, externalAccountId: string): Promise<void> {
    return this.cancel('suacProvisioning', 'externalAccountCancel', { externalAccountReference: { subscriberAccountId, externalAccountId } });
  }

  cancelSubscriberAccount(subscriberAccountId: string): Promise<void> {
    return this.cancel('suacProvisioning', 'subscriberAccountCancel', { subscriberAccountId });
  }

  private async cancel(service: string, operation: string, body: unknown): Promise<void> {
    try {
      await this.server.call(service, operation, body);
    } catch (error) {
      if (!isDoesNotExist(error)) throw error;
    }
  }
}
