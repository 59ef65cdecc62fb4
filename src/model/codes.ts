// Every error code with its category and message: the one table docs/errors.md is
// generated from. SAP CC numbers where SAP CC documents the condition; codes of our
// own start at 100 in their module (SPEC 3.2). Their HTTP statuses on the JSON API:
// src/transport/http/status.ts.
import type { Category } from './categories.ts';

interface CodeEntry {
  category: Category;
  message: string;
}

const code = (category: Category, message: string): CodeEntry => ({ category, message });

export const CODES = {
  // --- request shape (schema validation), our own
  'REQUEST-100': code('invalid', 'the request does not match the message schema'),
  'REQUEST-101': code('invalid', 'a required element is missing'),
  'REQUEST-102': code('invalid', 'an element is not allowed here'),
  'REQUEST-103': code('invalid', 'a string is empty or longer than its bound'),
  'REQUEST-104': code('invalid', 'not a decimal of at most 28 digits with at most 6 after the point'),
  'REQUEST-105': code('invalid', 'not a date of the form YYYY-MM-DDThh:mm:ss'),
  'REQUEST-106': code('invalid', 'a value is not one of the allowed values'),
  'REQUEST-107': code('invalid', 'too many or too few repetitions of an element (at most 1000 items per bundle or mass request)'),
  'REQUEST-108': code('invalid', 'the request body is not well-formed'),
  'REQUEST-109': code('invalid', 'a value has the wrong type'),
  'REQUEST-110': code('invalid', 'exactly one of the alternative elements must be given'),
  'REQUEST-111': code('invalid', 'the request body is too large'),
  'REQUEST-112': code('invalid', 'unknown operation'),
  'REQUEST-113': code('invalid', 'a number is out of its range (a search window holds 1 to 1000 objects)'),
  'REQUEST-114': code('invalid', 'the XML document is nested too deeply'),
  'REQUEST-115': code('invalid', 'the XML document has too many elements or attributes'),
  'REQUEST-116': code('invalid', 'DOCTYPE and entity declarations are not accepted'),
  'REQUEST-117': code('invalid', 'a SOAP header marked mustUnderstand is not understood'),
  'REQUEST-118': code('invalid', 'a string holds a character XML cannot carry (a control character other than tab, line feed, carriage return; an unpaired surrogate)'),

  // --- security
  'CC-SEC-AUTH-6': code('invalid', 'user is not allowed to invoke the operation'),
  'CC-SEC-AUTH-100': code('invalid', 'authentication required: no or wrong credentials'),
  'CC-SEC-AUTH-101': code('invalid', 'user name must be 1 to 64 of A-Z a-z 0-9 . _ @ -'),
  'CC-SEC-AUTH-102': code('alreadyExists', 'a user with this name exists'),
  'CC-SEC-AUTH-103': code('doesNotExist', 'no user with this name'),
  'CC-SEC-AUTH-104': code('invalid', 'unknown role'),
  'CC-SEC-AUTH-105': code('invalid', 'a password must have at least 8 characters'),
  'CC-SEC-AUTH-106': code('temporaryIllegalSystemState', 'too many failed authentications from this address; retry later'),
  'CC-SEC-AUTH-107': code('doesNotExist', 'no token with this id that is not revoked'),

  // --- Idempotency-Key on JSON POST (SPEC 3.4), our own
  'IDEMPOTENCY-100': code('invalid', 'an Idempotency-Key is 1 to 255 visible ASCII characters'),
  'IDEMPOTENCY-101': code('invalid', 'the Idempotency-Key was used with a different request'),
  'IDEMPOTENCY-102': code('illegalState', 'a request with this Idempotency-Key is still in progress; retry later'),

  // --- audit log, our own
  'AUDIT-100': code('invalid', 'not a valid audit query'),

  // --- store and system
  'STORE-100': code('temporaryIllegalSystemState', 'the store is unavailable; resend later unchanged'),
  'STORE-101': code('illegalSystemState', 'unexpected technical failure'),
  'STORE-102': code('temporaryIllegalSystemState', 'the store is busy with concurrent changes; resend later unchanged'),

  // --- catalog, our own
  'CATALOG-100': code('invalid', 'the catalog file is not valid'),
  'CATALOG-101': code('invalidConfiguration', 'no catalog is loaded'),

  // --- subscriber accounts, our own
  'SUBSCRIBERACCOUNT-100': code('doesNotExist', 'the subscriber account does not exist'),
  'SUBSCRIBERACCOUNT-101': code('illegalState', 'the subscriber account still owns charging contracts, accounts or tables'),
  'SUBSCRIBERACCOUNT-102': code('prerequisiteMissing', 'the tax mode or tax code is not in the catalog'),

  // --- external (postpaid) accounts, our own
  'EXTERNALACCOUNT-100': code('doesNotExist', 'the external account does not exist'),
  'EXTERNALACCOUNT-101': code('prerequisiteMissing', 'the subscriber account of the external account does not exist'),
  'EXTERNALACCOUNT-102': code('prerequisiteMissing', 'the currency is not in the catalog'),
  'EXTERNALACCOUNT-103': code('illegalState', 'a charging contract assigns the external account'),

  // --- prepaid accounts, our own
  'PREPAIDACCOUNT-100': code('doesNotExist', 'the prepaid account does not exist'),
  'PREPAIDACCOUNT-101': code('prerequisiteMissing', 'the subscriber account of the prepaid account does not exist'),
  'PREPAIDACCOUNT-102': code('prerequisiteMissing', 'the currency is not in the catalog'),
  'PREPAIDACCOUNT-103': code('invalid', 'the state schedule must go blocked, then locked, then closed, each at most once, with increasing dates'),
  'PREPAIDACCOUNT-104': code('illegalState', 'a closed prepaid account cannot change state'),
  'PREPAIDACCOUNT-105': code('illegalState', 'a charging contract assigns the prepaid account'),
  'PREPAIDACCOUNT-108': code('invalid', 'the amount has more fraction digits than the currency allows'),
  'PREPAIDACCOUNT-109': code('illegalState', 'the balance of a closed prepaid account cannot be set'),
  'PREPAIDACCOUNT-110': code('illegalState', 'the currency of a prepaid account cannot change while its balance is not zero'),

  // --- charging contracts, our own
  'CHARGINGCONTRACT-100': code('doesNotExist', 'the charging contract does not exist'),
  'CHARGINGCONTRACT-101': code('prerequisiteMissing', 'the subscriber account of the charging contract does not exist'),
  'CHARGINGCONTRACT-102': code('prerequisiteMissing', 'a plan, allowance plan or counter the contract refers to is not in the catalog'),
  'CHARGINGCONTRACT-104': code('invalid', 'periods of one contract item overlap, or a period or allowance does not end after it starts'),
  'CHARGINGCONTRACT-105': code('invalid', 'a mandatory plan parameter is missing in a period'),
  'CHARGINGCONTRACT-106': code('invalid', 'a parameter is not in the plan, is given twice or has the wrong type'),
  'CHARGINGCONTRACT-107': code('alreadyExists', 'the charging contract id belongs to another subscriber account'),
  'CHARGINGCONTRACT-108': code('illegalState', 'a user service id is used by another charging contract at the same time'),
  'CHARGINGCONTRACT-109': code('prerequisiteMissing', 'the root charging contract does not exist'),
  'CHARGINGCONTRACT-110': code('invalid', 'the root charging contract is itself linked or belongs to another subscriber account'),
  'CHARGINGCONTRACT-111': code('invalid', 'a pooled counter is not declared by the root charging contract'),
  'CHARGINGCONTRACT-112': code('prerequisiteMissing', 'an account assignment refers to an account the subscriber account does not have'),
  'CHARGINGCONTRACT-113': code('invalid', 'an id is given twice in the contract'),
  'CHARGINGCONTRACT-114': code('illegalState', 'the root charging contract still has linked contracts'),
  'CHARGINGCONTRACT-115': code('illegalState', 'a recharging lock holds the charging contract'),
  'CHARGINGCONTRACT-116': code('invalid', 'an existing charging contract cannot switch between root and linked or change its root'),

  // --- operational status (SAP CC numbers)
  'OPERATIONALSTATUS-1': code('illegalState', 'the charging contract is not active'),
  'OPERATIONALSTATUS-2': code('invalid', 'the root charging contract id is missing'),
  'OPERATIONALSTATUS-3': code('doesNotExist', 'the charging contract does not exist'),
  'OPERATIONALSTATUS-4': code('invalid', 'the charging contract is a linked contract; change the status of its root'),
  'OPERATIONALSTATUS-5': code('invalid', 'the operational status is missing'),
  'OPERATIONALSTATUS-6': code('illegalState', 'a recharging session holds the charging contract'),
  'OPERATIONALSTATUS-7': code('illegalState', 'an active charging contract cannot be closed: lock it first'),
  'OPERATIONALSTATUS-12': code('illegalState', 'a closed charging contract is final'),

  // --- charging contract state (SAP CC numbers, then our own)
  'CONTRACTSTATE-1': code('invalid', 'the shared counter is not a shared counter of the charging contract'),
  'CONTRACTSTATE-2': code('invalid', 'the contract item is not in the charging contract'),
  'CONTRACTSTATE-3': code('invalid', 'the counter is not in the plan of the contract item'),
  'CONTRACTSTATE-4': code('invalid', 'the charge activation is not in the plan of the contract item'),
  'CONTRACTSTATE-5': code('invalid', 'the counter is not in the charge of that charge activation'),
  'CONTRACTSTATE-6': code('invalid', 'a shared counter is given twice'),
  'CONTRACTSTATE-7': code('invalid', 'a counter of a contract item is given twice'),
  'CONTRACTSTATE-8': code('invalid', 'a counter of a charge activation is given twice'),
  'CONTRACTSTATE-10': code('doesNotExist', 'the charging contract does not exist'),
  'CONTRACTSTATE-11': code('doesNotExist', 'the charging contract does not exist'),
  'CONTRACTSTATE-12': code('invalid', 'a contract item is given twice'),
  'CONTRACTSTATE-13': code('invalid', 'a charge activation is given twice in a contract item'),
  'CONTRACTSTATE-100': code('illegalState', 'a recharging lock holds the charging contract'),

  // --- recharging locks, our own
  'RECHARGING-100': code('invalid', 'the charging contract collection has no subscriber account id'),
  'RECHARGING-101': code('invalid', 'a charging contract id is listed twice in the collection'),
  'RECHARGING-102': code('invalid', 'the recharging lock id is missing or not 1 to 256 of A-Z a-z 0-9 . _ : -'),
  'RECHARGING-103': code('prerequisiteMissing', 'the subscriber account of the collection does not exist'),
  'RECHARGING-104': code('prerequisiteMissing', 'the subscriber account has no charging contracts'),
  'RECHARGING-105': code('prerequisiteMissing', 'a charging contract of the collection does not exist'),
  'RECHARGING-106': code('prerequisiteMissing', 'a charging contract of the collection belongs to another subscriber account'),
  'RECHARGING-107': code('invalidConfiguration', 'the recharging feature is switched off in the catalog'),
  'RECHARGING-108': code('illegalState', 'a charging contract of the collection is held by another recharging lock'),
  'RECHARGING-109': code('prerequisiteMissing', 'a collection by account covers nothing: all its charging contracts are closed'),

  // --- subscriber mapping tables, our own
  'MAPPINGTABLE-100': code('doesNotExist', 'the subscriber mapping table does not exist'),
  'MAPPINGTABLE-101': code('alreadyExists', 'a subscriber mapping table with this id exists with different content'),
  'MAPPINGTABLE-102': code('prerequisiteMissing', 'the mapping table class is not in the catalog'),
  'MAPPINGTABLE-103': code('invalid', 'the row columns do not match the mapping table class'),
  'MAPPINGTABLE-104': code('invalid', 'rows with the same inputs overlap in validity'),
  'MAPPINGTABLE-105': code('prerequisiteMissing', 'the subscriber account of the table does not exist'),
  'MAPPINGTABLE-106': code('doesNotExist', 'the row does not exist'),
  'MAPPINGTABLE-107': code('invalid', 'a row id is given twice'),
  'MAPPINGTABLE-108': code('doesNotExist', 'no row matches the inputs at that date'),
  'MAPPINGTABLE-109': code('illegalState', 'the table belongs to another subscriber account'),
  'MAPPINGTABLE-110': code('invalid', 'a row ends before it starts'),
  'MAPPINGTABLE-111': code('invalid', 'the lookup inputs are not the input columns of the mapping table class'),

  // --- subscriber range tables v3 (SAP CC numbers, then our own)
  'RANGETABLE-5': code('invalid', 'a row has no output column'),
  'RANGETABLE-6': code('invalid', 'a row has more output columns than the class'),
  'RANGETABLE-154': code('doesNotExist', 'the subscriber range table does not exist'),
  'RANGETABLE-162': code('invalid', 'a row has no upper bound in a table whose class bounds the last range'),
  'RANGETABLE-100': code('prerequisiteMissing', 'the range table class is not in the catalog'),
  'RANGETABLE-101': code('invalid', 'the row inputs do not match the range table class'),
  'RANGETABLE-102': code('invalid', 'the row outputs do not match the range table class'),
  'RANGETABLE-103': code('invalid', 'only the last range of a range set may have no upper bound'),
  'RANGETABLE-104': code('doesNotExist', 'no range matches the inputs, value and date'),
  'RANGETABLE-105': code('prerequisiteMissing', 'the subscriber account of the table does not exist'),
  'RANGETABLE-106': code('invalid', 'a row id is given twice'),
  'RANGETABLE-107': code('invalid', 'two ranges of one range set have the same upper bound'),
  'RANGETABLE-108': code('illegalState', 'the table belongs to another subscriber account'),
  'RANGETABLE-109': code('invalid', 'a row ends before it starts'),
  'RANGETABLE-110': code('invalid', 'the lookup inputs are not the input columns of the range table class'),

  // --- customer data export/import v3 (SAP CC numbers, then our own)
  'CUSTOMERDATA-1': code('invalid', 'neither a subscriber account id nor a root charging contract id is given'),
  'CUSTOMERDATA-2': code('doesNotExist', 'the subscriber account does not exist'),
  'CUSTOMERDATA-3': code('doesNotExist', 'the root charging contract does not exist'),
  'CUSTOMERDATA-4': code('invalid', 'the root charging contracts to export belong to different subscriber accounts'),
  'CUSTOMERDATA-5': code('invalid', 'a root charging contract id is given twice'),
  'CUSTOMERDATA-6': code('invalid', 'the id is that of a linked charging contract, not a root'),
  'CUSTOMERDATA-7': code('invalid', 'an external account is given twice'),
  'CUSTOMERDATA-8': code('invalid', 'the external account does not reference the subscriber account of its customer data'),
  'CUSTOMERDATA-9': code('invalid', 'a prepaid account is given twice'),
  'CUSTOMERDATA-10': code('invalid', 'the prepaid account does not reference the subscriber account of its customer data'),
  'CUSTOMERDATA-11': code('invalid', 'a subscriber mapping table is given twice'),
  'CUSTOMERDATA-12': code('invalid', 'the subscriber mapping table does not reference the subscriber account of its customer data'),
  'CUSTOMERDATA-13': code('alreadyExists', 'the subscriber mapping table exists with different content (onAlreadyExistingTable=overwrite replaces it)'),
  'CUSTOMERDATA-16': code('alreadyExists', 'the subscriber range table exists with different content (onAlreadyExistingTable=overwrite replaces it)'),
  'CUSTOMERDATA-18': code('invalid', 'the charging contract does not reference the subscriber account of its customer data'),
  'CUSTOMERDATA-19': code('invalid', 'the subscriber range table does not reference the subscriber account of its customer data'),
  'CUSTOMERDATA-20': code('prerequisiteMissing', 'the root of a linked charging contract is neither in the request nor in the system'),
  'CUSTOMERDATA-21': code('prerequisiteMissing', 'the root of a linked charging contract belongs to another subscriber account'),
  'CUSTOMERDATA-23': code('alreadyExists', 'the external account exists with different content'),
  'CUSTOMERDATA-24': code('alreadyExists', 'the prepaid account exists with different content'),
  'CUSTOMERDATA-25': code('alreadyExists', 'the charging contract exists with different content'),
  'CUSTOMERDATA-26': code('invalid', 'chargingContractOperationalStatusChangedTo cannot be closed; only active or locked'),
  'CUSTOMERDATA-27': code('invalid', 'give either a subscriber account id or root charging contract ids, not both'),
  'CUSTOMERDATA-29': code('illegalState', 'the subscriber table belongs to another subscriber account'),
  'CUSTOMERDATA-30': code('invalid', 'an allowance id is given twice in a charging contract'),
  'CUSTOMERDATA-100': code('invalid', 'a subscriber range table is given twice'),
  'CUSTOMERDATA-101': code('invalid', 'a charging contract is given twice'),

  // --- contract transfer (convergent transfer), our own
  'TRANSFER-100': code('invalidConfiguration', 'the catalogs of the source and the destination differ'),
  'TRANSFER-101': code('alreadyExists', 'a charging contract to transfer is already in the destination'),
  'TRANSFER-102': code('illegalState', 'a root charging contract to transfer is not active in the source'),
  'TRANSFER-103': code('temporaryIllegalSystemState', 'a server cannot be reached; run the transfer again with the same journal'),
  'TRANSFER-104': code('invalid', 'the charging contract is a linked contract; transfer its root'),
  'TRANSFER-105': code('illegalSystemState', 'the transfer failed unexpectedly'),

  // --- bulk import jobs, our own
  'JOB-100': code('doesNotExist', 'the import job does not exist'),
} as const satisfies Record<string, CodeEntry>;

export type ErrorCode = keyof typeof CODES;

export function codeEntries(): Array<[ErrorCode, CodeEntry]> {
  return Object.entries(CODES) as Array<[ErrorCode, CodeEntry]>;
}
