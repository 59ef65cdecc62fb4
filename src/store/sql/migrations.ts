// The logical schema, as numbered migrations applied at start. Every table of
// customer data is keyed by subscriber account id first (the distribution column of
// a sharded PostgreSQL); ids unique system-wide live in small directory tables.
// Documents are TEXT, not JSONB: they come back byte for byte as written.
import type { Dialect } from '../port.ts';

export interface Migration {
  version: number;
  description: string;
  /** statements, or per dialect where the dialects differ */
  statements: string[] | Record<Dialect, string[]>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'customer data, directories, users, catalog',
    statements: [
      `CREATE TABLE subscriber_account (
        account_id TEXT NOT NULL PRIMARY KEY,
        subscriber_id TEXT NOT NULL,
        doc TEXT NOT NULL)`,
      `CREATE INDEX subscriber_account_subscriber_id ON subscriber_account (subscriber_id, account_id)`,
      `CREATE TABLE external_account (
        account_id TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (account_id, id))`,
      `CREATE TABLE prepaid_account (
        account_id TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        balance TEXT NOT NULL,
        current_state TEXT NOT NULL,
        PRIMARY KEY (account_id, id))`,
      `CREATE TABLE charging_contract (
        account_id TEXT NOT NULL,
        id TEXT NOT NULL,
        root_id TEXT,
        operational_status TEXT NOT NULL,
        transfer_date TEXT,
        doc TEXT NOT NULL,
        PRIMARY KEY (account_id, id))`,
      `CREATE INDEX charging_contract_root ON charging_contract (account_id, root_id)`,
      `CREATE TABLE contract_directory (
        contract_id TEXT NOT NULL PRIMARY KEY,
        account_id TEXT NOT NULL)`,
      `CREATE TABLE user_service_claim (
        user_service_id TEXT NOT NULL,
        contract_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT,
        PRIMARY KEY (user_service_id, contract_id, start_date))`,
      `CREATE INDEX user_service_claim_contract ON user_service_claim (contract_id)`,
      `CREATE TABLE subscriber_table (
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        class_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (account_id, kind, id))`,
      `CREATE TABLE table_directory (
        kind TEXT NOT NULL,
        table_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        PRIMARY KEY (kind, table_id))`,
      `CREATE TABLE recharging_lock (
        account_id TEXT NOT NULL,
        contract_id TEXT NOT NULL,
        lock_id TEXT NOT NULL,
        locked_at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        PRIMARY KEY (account_id, contract_id))`,
      `CREATE TABLE app_user (
        name TEXT NOT NULL PRIMARY KEY,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at TEXT NOT NULL)`,
      `CREATE TABLE catalog (
        slot INTEGER NOT NULL PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        doc TEXT NOT NULL,
        loaded_at TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    description: 'charging contract state: the counter values ever set',
    statements: [
      `CREATE TABLE contract_state (
        account_id TEXT NOT NULL,
        contract_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (account_id, contract_id))`,
    ],
  },
  {
    version: 3,
    description: 'recharging locks found by lock id',
    statements: ['CREATE INDEX recharging_lock_lock_id ON recharging_lock (lock_id, account_id, contract_id)'],
  },
  {
    version: 4,
    description: 'bulk import jobs and their failures',
    statements: [
      `CREATE TABLE import_job (
        id TEXT NOT NULL PRIMARY KEY,
        state TEXT NOT NULL,
        doc TEXT NOT NULL)`,
      `CREATE TABLE import_job_failure (
        job_id TEXT NOT NULL,
        line INTEGER NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (job_id, line))`,
    ],
  },
  {
    version: 5,
    description: 'audit log, bearer tokens, idempotency keys',
    statements: trustTables(),
  },
];

/** Migration 5: only the audit record's increasing id differs between the dialects. */
function trustTables(): Record<Dialect, string[]> {
  const common = [
    `CREATE INDEX audit_record_user ON audit_record (user_name, id)`,
    `CREATE INDEX audit_record_operation ON audit_record (operation, id)`,
    `CREATE INDEX audit_record_time ON audit_record (at, id)`,
    `CREATE TABLE audit_object (
      object_id TEXT NOT NULL,
      audit_id BIGINT NOT NULL,
      PRIMARY KEY (object_id, audit_id))`,
    `CREATE TABLE api_token (
      id TEXT NOT NULL PRIMARY KEY,
      user_name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      description TEXT,
      created_at TEXT NOT NULL,
      revoked_at TEXT)`,
    `CREATE INDEX api_token_user ON api_token (user_name)`,
    `CREATE TABLE idempotency_key (
      user_name TEXT NOT NULL,
      idem_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      claim TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      lease_until BIGINT NOT NULL,
      status_code INTEGER,
      content_type TEXT,
      body TEXT,
      PRIMARY KEY (user_name, idem_key))`,
    `CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at)`,
  ];
  const auditRecord = (id: string) => `CREATE TABLE audit_record (
      id ${id},
      at TEXT NOT NULL,
      user_name TEXT NOT NULL,
      operation TEXT NOT NULL,
      domain TEXT NOT NULL,
      object_ids TEXT NOT NULL,
      outcome TEXT NOT NULL,
      error_code TEXT,
      channel TEXT NOT NULL,
      address TEXT,
      detail TEXT)`;
  return {
    sqlite: [auditRecord('INTEGER PRIMARY KEY AUTOINCREMENT'), ...common],
    postgres: [auditRecord('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'), ...common],
  };
}

export const MIGRATION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migration (
  version INTEGER NOT NULL PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL)`;

export function statementsFor(migration: Migration, dialect: Dialect): string[] {
  return Array.isArray(migration.statements) ? migration.statements : migration.statements[dialect];
}
