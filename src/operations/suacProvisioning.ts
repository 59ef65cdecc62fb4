// What the operations of suacProvisioning share: their service, who may call them
// and how writes are audited.
import type { Role } from './operation.ts';

/** Who may read customer data besides administrator. */
export const READ_ROLES: readonly Role[] = ['provisioning', 'reader'];

/** A write of customer data by provisioning, audited in domain CUSTOMER. */
export const SUAC_WRITE = { service: 'suacProvisioning', roles: ['provisioning'], access: 'write', auditDomain: 'CUSTOMER' } as const;

/** A read of customer data: idempotent, not audited. */
export const SUAC_READ = { service: 'suacProvisioning', roles: READ_ROLES, idempotent: true, access: 'read', auditDomain: 'NONE' } as const;
