// Charging contract state: one row per contract that ever had a value set, keyed
// by its account, holding only those values (a document read and written whole).
import type { ContractStateRepository } from '../port.ts';
import { stateValuesFromJson, stateValuesToJson, type ContractStateValues } from '../../model/contractState.ts';
import type { SqlSession } from './session.ts';

export class SqlContractStateRepository implements ContractStateRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async get(subscriberAccountId: string, chargingContractId: string): Promise<ContractStateValues | undefined> {
    const row = await this.db.get<{ doc: string }>('SELECT doc FROM contract_state WHERE account_id = ? AND contract_id = ?', [subscriberAccountId, chargingContractId]);
    return row && stateValuesFromJson(row.doc);
  }

  async put(subscriberAccountId: string, chargingContractId: string, values: ContractStateValues): Promise<void> {
    await this.db.run(
      `INSERT INTO contract_state (account_id, contract_id, doc) VALUES (?, ?, ?)
       ON CONFLICT (account_id, contract_id) DO UPDATE SET doc = excluded.doc`,
      [subscriberAccountId, chargingContractId, stateValuesToJson(values)],
    );
  }
}
