// The JSON half of the hostile-input corpus, as tables: per kind of hostility the
// requests and the refusal each must get. The fixture (FIXTURE) exists before they
// run; values at their bound pass validation and meet a business refusal instead,
// so that no case writes.
import { OPERATIONS } from '../../src/operations/registry.ts';
import { auditedRefusal, type HostileCase } from './case.ts';
import { jsonPathOf } from './operations.ts';

/** What exists when the corpus runs: one subscriber account with a prepaid (EUR) and an external account. */
export const FIXTURE = {
  account: { id: 'SA-H', subscriberId: 'BP-H' },
  prepaid: { id: 'PP-H', subscriberAccountId: 'SA-H', currencyCode: 'EUR' },
  external: { id: 'EXT-H', subscriberAccountId: 'SA-H', currencyCode: 'EUR' },
};

type Body = unknown;

/** A request to operation `operation`; an object body is sent as JSON, a string or Buffer as it is. */
function jsonCase(operation: string, name: string, body: Body, status: number, code: string, headers?: Record<string, string>): HostileCase {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return { name: `${operation}: ${name}`, method: 'POST', path: jsonPathOf(operation), operation, body: raw, headers, expect: { status, code }, audited: auditedRefusal(operation, code) };
}

const times = (text: string, n: number): string => text.repeat(n);

// --- String256 at and past its bound, empty, and characters XML cannot carry, on every kind of id
const ID_OPERATIONS: Array<[operation: string, field: string, status: number, notFound: string]> = [
  ['subscriberAccountRead', 'subscriberAccountId', 404, 'SUBSCRIBERACCOUNT-100'],
  ['subscriberAccountCancel', 'subscriberAccountId', 404, 'SUBSCRIBERACCOUNT-100'],
  ['chargingContractRead', 'chargingContractId', 404, 'CHARGINGCONTRACT-100'],
  ['chargingContractCancel', 'id', 404, 'CHARGINGCONTRACT-100'],
  ['chargingContractStateRead', 'chargingContractId', 404, 'CONTRACTSTATE-11'],
  ['rangeTableRead', 'rangeTableId', 404, 'RANGETABLE-154'],
  ['rangeTableCancel', 'rangeTableId', 404, 'RANGETABLE-154'],
  ['mappingTableCancel', 'id', 404, 'MAPPINGTABLE-100'],
];

const ID_VALUES: Array<[name: string, raw: string, refusal?: string]> = [
  ['256 characters', JSON.stringify(times('a', 256))],
  ['257 characters', JSON.stringify(times('a', 257)), 'REQUEST-103'],
  ['empty', '""', 'REQUEST-103'],
  ['256 characters outside the BMP (512 UTF-16 units)', JSON.stringify(times('😀', 256))],
  ['257 characters outside the BMP', JSON.stringify(times('😀', 257)), 'REQUEST-103'],
  ['a NUL character', '"A\\u0000B"', 'REQUEST-118'],
  ['an unpaired surrogate', '"A\\ud800B"', 'REQUEST-118'],
  ['a control character', '"A\\u001bB"', 'REQUEST-118'],
];

const stringBounds: HostileCase[] = ID_OPERATIONS.flatMap(([operation, field, status, notFound]) =>
  ID_VALUES.map(([name, raw, refusal]) => jsonCase(operation, `${field} ${name}`, `{"${field}":${raw}}`, refusal ? 400 : status, refusal ?? notFound)),
);

const taxCodeMissing = { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_NONE' } };
const accountWith = (extra: Record<string, unknown>) => ({ subscriberAccount: { id: 'SA-H2', subscriberId: 'BP-H2', tax: taxCodeMissing, ...extra } });
const balanceSet = (prepaidAccountId: string, balance: unknown, reason: unknown = 'migration') => ({
  prepaidAccountReference: { subscriberAccountId: 'SA-H', prepaidAccountId },
  balance,
  reason,
});

const string2000: HostileCase[] = [
  jsonCase('subscriberAccountMaintain', 'description of 2000 characters (then a missing tax code)', accountWith({ description: times('d', 2000) }), 422, 'SUBSCRIBERACCOUNT-102'),
  jsonCase('subscriberAccountMaintain', 'description of 2001 characters', accountWith({ description: times('d', 2001) }), 400, 'REQUEST-103'),
  jsonCase('subscriberAccountMaintain', 'description of 2001 characters outside the BMP', accountWith({ description: times('𝄞', 2001) }), 400, 'REQUEST-103'),
  jsonCase('prepaidAccountBalanceSet', 'reason of 2000 characters (then no such account)', balanceSet('PP-NONE', '1', times('r', 2000)), 404, 'PREPAIDACCOUNT-100'),
  jsonCase('prepaidAccountBalanceSet', 'reason of 2001 characters', balanceSet('PP-NONE', '1', times('r', 2001)), 400, 'REQUEST-103'),
  jsonCase('subscriberAccountMaintain', 'an id of 2 MB', accountWith({ id: times('i', 2 * 1024 * 1024) }), 400, 'REQUEST-103'),
];

// --- decimals: 28 digits of which 6 after the point, and past it
const DECIMALS: Array<[name: string, value: unknown, status: number, code: string]> = [
  ['28 digits, 6 after the point, more than EUR allows', '1234567890123456789012.123456', 400, 'PREPAIDACCOUNT-108'],
  ['29 digits', '12345678901234567890123.123456', 400, 'REQUEST-104'],
  ['7 digits after the point', '1.1234567', 400, 'REQUEST-104'],
  ['29 integer digits', '12345678901234567890123456789', 400, 'REQUEST-104'],
  ['an exponent', '1e3', 400, 'REQUEST-104'],
  ['hexadecimal', '0x10', 400, 'REQUEST-104'],
  ['NaN', 'NaN', 400, 'REQUEST-104'],
  ['Infinity', 'Infinity', 400, 'REQUEST-104'],
  ['empty', '', 400, 'REQUEST-104'],
  ['a leading space', ' 1', 400, 'REQUEST-104'],
  ['a decimal comma', '1,5', 400, 'REQUEST-104'],
  ['two signs', '+-1', 400, 'REQUEST-104'],
  ['a lone point', '.', 400, 'REQUEST-104'],
  ['Arabic-Indic digits', '١٢', 400, 'REQUEST-104'],
  ['a JSON number', 1.5, 400, 'REQUEST-109'],
  ['a JSON number past the double range', '__1e400__', 400, 'REQUEST-109'],
  ['null', null, 400, 'REQUEST-109'],
];

const decimals: HostileCase[] = [
  ...DECIMALS.map(([name, value, status, code]) => {
    const body = JSON.stringify(balanceSet('PP-H', value)).replace('"__1e400__"', '1e400');
    return jsonCase('prepaidAccountBalanceSet', `balance ${name}`, body, status, code);
  }),
  jsonCase('prepaidAccountBalanceSet', 'balance of 28 integer digits (then no such account)', balanceSet('PP-NONE', '1234567890123456789012345678'), 404, 'PREPAIDACCOUNT-100'),
  jsonCase('prepaidAccountBalanceSet', 'balance with 40 leading zeros (not counted; then no such account)', balanceSet('PP-NONE', `${times('0', 40)}1.5`), 404, 'PREPAIDACCOUNT-100'),
  jsonCase('rangeTableLookup', 'value of 28 digits (then no such table)', { rangeTableId: 'RT-NONE', value: '1234567890123456789012.123456', date: '2026-01-01T00:00:00' }, 404, 'RANGETABLE-154'),
  jsonCase('rangeTableLookup', 'value of 29 digits', { rangeTableId: 'RT-NONE', value: '12345678901234567890123.123456', date: '2026-01-01T00:00:00' }, 400, 'REQUEST-104'),
  jsonCase('rangeTableLookup', 'value with 7 digits after the point', { rangeTableId: 'RT-NONE', value: '0.0000001', date: '2026-01-01T00:00:00' }, 400, 'REQUEST-104'),
];

// --- dates
const DATES: Array<[string, string]> = [
  ['February 29 of a common year', '2023-02-29T00:00:00'],
  ['February 30', '2024-02-30T00:00:00'],
  ['month 13', '2024-13-01T00:00:00'],
  ['month 0', '2024-00-10T00:00:00'],
  ['hour 24', '2024-01-01T24:00:00'],
  ['minute 60', '2024-01-01T00:60:00'],
  ['second 60', '2024-01-01T00:00:60'],
  ['no time', '2024-01-01'],
  ['a zone Z', '2024-01-01T00:00:00Z'],
  ['an offset', '2024-01-01T00:00:00+01:00'],
  ['a fraction', '2024-01-01T00:00:00.000'],
  ['a space for T', '2024-01-01 00:00:00'],
  ['a two-digit year', '24-01-01T00:00:00'],
  ['five-digit year', '20240-01-01T00:00:00'],
  ['unpadded fields', '2024-1-1T0:0:0'],
  ['empty', ''],
];

const dates: HostileCase[] = [
  jsonCase('rangeTableLookup', 'date February 29 of a leap year (then no such table)', { rangeTableId: 'RT-NONE', value: '1', date: '2024-02-29T00:00:00' }, 404, 'RANGETABLE-154'),
  ...DATES.map(([name, date]) => jsonCase('rangeTableLookup', `date ${name}`, { rangeTableId: 'RT-NONE', value: '1', date }, 400, 'REQUEST-105')),
  ...DATES.slice(0, 4).map(([name, date]) =>
    jsonCase('mappingTableLookup', `date ${name}`, { mappingTableId: 'MT-NONE', input: [{ name: 'A', string: 'x' }], date }, 400, 'REQUEST-105'),
  ),
  jsonCase('prepaidAccountMaintain', 'state schedule date February 30', { prepaidAccount: { ...FIXTURE.prepaid, stateSchedule: { item: [{ stateCode: 'blocked', fromDate: '2026-02-30T00:00:00' }] } } }, 400, 'REQUEST-105'),
  jsonCase('subscriberAccountMaintain', 'additionalInfo date with a zone', accountWith({ additionalInfo: [{ name: 'D', date: '2026-01-01T00:00:00Z' }] }), 400, 'REQUEST-105'),
];

// --- enumerations and choices
const enumsAndChoices: HostileCase[] = [
  jsonCase('chargingContractOperationalStatusChange', 'operationalStatus not a status', { rootChargingContractId: 'CC-NONE', operationalStatus: 'deleted' }, 400, 'REQUEST-106'),
  jsonCase('chargingContractOperationalStatusChange', 'operationalStatus in capitals', { rootChargingContractId: 'CC-NONE', operationalStatus: 'LOCKED' }, 400, 'REQUEST-106'),
  jsonCase('chargingContractOperationalStatusChange', 'a valid status (then no such contract)', { rootChargingContractId: 'CC-NONE', operationalStatus: 'locked' }, 404, 'OPERATIONALSTATUS-3'),
  jsonCase('prepaidAccountStateChange', 'stateCode not a state', { prepaidAccountReference: { subscriberAccountId: 'SA-H', prepaidAccountId: 'PP-H' }, stateCode: 'frozen' }, 400, 'REQUEST-106'),
  jsonCase('subscriberAccountMaintain', 'tax mode not a mode', accountWith({ tax: { mode: 'sometimes' } }), 400, 'REQUEST-106'),
  jsonCase('subscriberAccountMaintain', 'businessCategory not B2B or B2C', accountWith({ tax: { mode: 'noTax', vat: { taxCode: 'VAT_STD', businessCategory: 'B2G' } } }), 400, 'REQUEST-106'),
  jsonCase('subscriberAccountMaintain', 'additionalInfo with both string and number', accountWith({ additionalInfo: [{ name: 'X', string: 's', number: '1' }] }), 400, 'REQUEST-110'),
  jsonCase('subscriberAccountMaintain', 'additionalInfo with no value', accountWith({ additionalInfo: [{ name: 'X' }] }), 400, 'REQUEST-110'),
  jsonCase('subscriberAccountMaintain', 'both noTax and tax', accountWith({ noTax: {}, tax: { mode: 'noTax' } }), 400, 'REQUEST-110'),
  jsonCase('mappingTableLookup', 'an input with two values', { mappingTableId: 'MT-NONE', input: [{ name: 'A', string: 'x', currency: 'EUR' }], date: '2026-01-01T00:00:00' }, 400, 'REQUEST-110'),
];

// --- repetitions: bundles of 1001 and 0 items, a full bundle of 1000 that fails, bounded lists
const itemsOf = (count: number, item: (i: number) => unknown) => Array.from({ length: count }, (_, i) => item(i));
const externalItem = (i: number) => ({ externalAccount: { id: `EXT-${i}`, subscriberAccountId: 'SA-NONE', currencyCode: 'EUR' } });
const accountItem = (i: number) => ({ subscriberAccount: { id: `SA-B-${i}`, subscriberId: `BP-${i}` } });
const stateItem = (i: number) => ({ chargingContractState: { chargingContractId: `CC-NONE-${i}` } });

const repetitions: HostileCase[] = [
  jsonCase('subscriberAccountMaintainBundle', '1001 items', { subscriberAccountMaintainRequest: itemsOf(1001, accountItem) }, 400, 'REQUEST-107'),
  jsonCase('subscriberAccountMaintainMass', '1001 items', { subscriberAccountMaintainRequest: itemsOf(1001, accountItem) }, 400, 'REQUEST-107'),
  jsonCase('subscriberAccountMaintainBundle', 'no item', { subscriberAccountMaintainRequest: [] }, 400, 'REQUEST-107'),
  jsonCase('externalAccountMaintainBundle', '1001 items', { externalAccountMaintainRequest: itemsOf(1001, externalItem) }, 400, 'REQUEST-107'),
  jsonCase('externalAccountMaintainBundle', '1000 items of an account that does not exist', { externalAccountMaintainRequest: itemsOf(1000, externalItem) }, 422, 'EXTERNALACCOUNT-101'),
  jsonCase('externalAccountMaintainMass', '1001 items', { externalAccountMaintainRequest: itemsOf(1001, externalItem) }, 400, 'REQUEST-107'),
  jsonCase('chargingContractStateChangeBundle', '1001 items', { chargingContractStateChangeRequest: itemsOf(1001, stateItem) }, 400, 'REQUEST-107'),
  jsonCase('chargingContractStateChangeBundle', '1000 items of contracts that do not exist', { chargingContractStateChangeRequest: itemsOf(1000, stateItem) }, 404, 'CONTRACTSTATE-10'),
  jsonCase('chargingContractStateChangeMass', '1001 items', { chargingContractStateChangeRequest: itemsOf(1001, stateItem) }, 400, 'REQUEST-107'),
  jsonCase('subscriberAccountMaintainBundle', 'the 1000th item invalid', { subscriberAccountMaintainRequest: [...itemsOf(999, accountItem), { subscriberAccount: { id: 'x' } }] }, 400, 'REQUEST-101'),
  jsonCase('mappingTableLookup', '5 inputs (at most 4)', { mappingTableId: 'MT-NONE', input: itemsOf(5, (i) => ({ name: `C${i}`, string: 'x' })), date: '2026-01-01T00:00:00' }, 400, 'REQUEST-107'),
  jsonCase('rangeTableLookup', '6 inputs (at most 5)', { rangeTableId: 'RT-NONE', input: itemsOf(6, (i) => ({ name: `C${i}`, string: 'x' })), value: '1', date: '2026-01-01T00:00:00' }, 400, 'REQUEST-107'),
  jsonCase('mappingTableRowCancel', 'no row id', { mappingTableId: 'MT-NONE', id: [] }, 400, 'REQUEST-107'),
  jsonCase('subscriberAccountFind', 'a window of 1001', { searchFilter: { searchWindow: { windowSize: 1001 } } }, 400, 'REQUEST-113'),
  jsonCase('subscriberAccountFind', 'a window of 0', { searchFilter: { searchWindow: { windowSize: 0 } } }, 400, 'REQUEST-113'),
  jsonCase('subscriberAccountFind', 'a negative window', { searchFilter: { searchWindow: { windowSize: -1 } } }, 400, 'REQUEST-113'),
  jsonCase('subscriberAccountFind', 'a fractional window', { searchFilter: { searchWindow: { windowSize: 1.5 } } }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountFind', 'a window as text', { searchFilter: { searchWindow: { windowSize: '10' } } }, 400, 'REQUEST-109'),
  jsonCase('chargingContractFind', 'a window of 1001', { searchFilter: { searchWindow: { windowSize: 1001 } } }, 400, 'REQUEST-113'),
  jsonCase('subscriberAccountFind', 'totalCountRequired as text', { searchFilter: { totalCountRequired: 'yes' } }, 400, 'REQUEST-109'),
];

// --- recharging locks: the lock id's own alphabet, collections that cannot be locked
const lockOf = (collection: unknown, rechargingLockId: unknown) => ({ chargingContractCollection: collection, rechargingLockId });
const recharging: HostileCase[] = [
  jsonCase('chargingContractCollectionLock', 'a lock id of 256 characters (then no such account)', lockOf({ subscriberAccountId: 'SA-NONE' }, times('L', 256)), 422, 'RECHARGING-103'),
  jsonCase('chargingContractCollectionLock', 'a lock id of 257 characters', lockOf({ subscriberAccountId: 'SA-NONE' }, times('L', 257)), 400, 'REQUEST-103'),
  jsonCase('chargingContractCollectionLock', 'a lock id with a space', lockOf({ subscriberAccountId: 'SA-H' }, 'lock 1'), 400, 'RECHARGING-102'),
  jsonCase('chargingContractCollectionLock', 'a lock id with a slash', lockOf({ subscriberAccountId: 'SA-H' }, '../lock'), 400, 'RECHARGING-102'),
  jsonCase('chargingContractCollectionLock', 'no lock id', lockOf({ subscriberAccountId: 'SA-H' }, undefined), 400, 'RECHARGING-102'),
  jsonCase('chargingContractCollectionLock', 'a collection without account', lockOf({ chargingContractId: ['CC-1'] }, 'L1'), 400, 'RECHARGING-100'),
  jsonCase('chargingContractCollectionLock', 'a contract listed twice', lockOf({ subscriberAccountId: 'SA-H', chargingContractId: ['CC-1', 'CC-1'] }, 'L1'), 400, 'RECHARGING-101'),
  jsonCase('chargingContractCollectionLock', 'an account without contracts', lockOf({ subscriberAccountId: 'SA-H' }, 'L1'), 422, 'RECHARGING-104'),
  jsonCase('chargingContractCollectionUnlock', 'a lock id with a NUL', lockOf({ subscriberAccountId: 'SA-H' }, 'L\u0000'), 400, 'REQUEST-118'),
  jsonCase('chargingContractCollectionLockMass', '1001 items', { chargingContractCollectionLockRequest: itemsOf(1001, () => lockOf({ subscriberAccountId: 'SA-H' }, 'L1')) }, 400, 'REQUEST-107'),
];

// --- missing, unknown and mistyped elements; deep nesting
const deep = (open: string, inner: string, close: string, depth: number) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const shapes: HostileCase[] = [
  jsonCase('subscriberAccountMaintain', 'subscriberId missing', { subscriberAccount: { id: 'SA-H3' } }, 400, 'REQUEST-101'),
  jsonCase('subscriberAccountMaintain', 'subscriberAccount missing', {}, 400, 'REQUEST-101'),
  jsonCase('externalAccountRead', 'externalAccountId missing', { externalAccountReference: { subscriberAccountId: 'SA-H' } }, 400, 'REQUEST-101'),
  jsonCase('prepaidAccountBalanceSet', 'reason missing', { prepaidAccountReference: { subscriberAccountId: 'SA-H', prepaidAccountId: 'PP-H' }, balance: '1' }, 400, 'REQUEST-101'),
  jsonCase('subscriberAccountRead', 'an unknown element beside the id', { subscriberAccountId: 'SA-H', colour: 'red' }, 400, 'REQUEST-102'),
  jsonCase('subscriberAccountMaintain', 'an unknown element in the account', accountWith({ colour: 'red' }), 400, 'REQUEST-102'),
  jsonCase('subscriberAccountMaintainBundle', 'an unknown element in an item', { subscriberAccountMaintainRequest: [{ subscriberAccount: { id: 'SA-H4', subscriberId: 'B' }, extra: 1 }] }, 400, 'REQUEST-102'),
  jsonCase('prepaidAccountMaintain', 'read-side fields with unknown ones', { prepaidAccount: { ...FIXTURE.prepaid, balance: '9', owner: 'x' } }, 400, 'REQUEST-102'),
  jsonCase('subscriberAccountRead', 'the id as a number', { subscriberAccountId: 5 }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountRead', 'the id as true', { subscriberAccountId: true }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountRead', 'the id as null', { subscriberAccountId: null }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountRead', 'the id as a list', { subscriberAccountId: ['SA-H'] }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountRead', 'the id as an object', { subscriberAccountId: { id: 'SA-H' } }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountMaintain', 'additionalInfo as one object, not a list', accountWith({ additionalInfo: { name: 'X', string: 's' } }), 400, 'REQUEST-109'),
  jsonCase('subscriberAccountMaintainBundle', 'the items as an object', { subscriberAccountMaintainRequest: { subscriberAccount: { id: 'SA-H5', subscriberId: 'B' } } }, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountMaintain', 'noTax with content', accountWith({ tax: undefined, noTax: { reason: 'x' } }), 400, 'REQUEST-102'),
  jsonCase('echo', 'lists nested 100000 deep', deep('[', '', ']', 100_000), 400, 'REQUEST-109'),
  jsonCase('echo', 'objects nested 50000 deep', deep('{"a":', '1', '}', 50_000), 400, 'REQUEST-101'),
  jsonCase('subscriberAccountMaintain', 'lists nested 50000 deep in additionalInfo', `{"subscriberAccount":{"id":"SA-H6","subscriberId":"B","additionalInfo":${deep('[', '', ']', 50_000)}}}`, 400, 'REQUEST-109'),
  jsonCase('subscriberAccountMaintain', '100000 additionalInfo entries with one bad', accountWith({ additionalInfo: [...itemsOf(100_000, (i) => ({ name: `K${i}`, string: 'v' })), { name: 'BAD' }] }), 400, 'REQUEST-110'),
];

// --- bodies that are not JSON, or not UTF-8, or not allowed
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const MALFORMED: Array<[string, string | Buffer]> = [
  ['truncated', '{"subscriberAccount": {"id": "SA-H"'],
  ['a trailing comma', '{"subscriberAccount": {"id": "SA-H", "subscriberId": "B",}}'],
  ['single quotes', "{'subscriberAccount': {}}"],
  ['unquoted keys', '{subscriberAccount: {}}'],
  ['a comment', '{"subscriberAccount": {} /* hi */}'],
  ['a NaN literal', '{"subscriberAccount": NaN}'],
  ['garbage after the document', '{"subscriberAccount": {}} x'],
  ['two documents', '{}{}'],
  ['an empty body', ''],
  ['only whitespace', '   \n\t '],
  ['a lone quote', '"'],
  ['an unterminated string', '{"subscriberAccount": "abc'],
  ['a raw control character in a string', '{"subscriberAccount": {"id": "a\u0001b"}}'],
  ['a bad escape', '{"subscriberAccount": {"id": "\\x41"}}'],
  ['invalid UTF-8 (0xFF)', bytes('{"subscriberAccount": {"id": "', [0xff], '"}}')],
  ['an overlong UTF-8 sequence', bytes('{"subscriberAccount": {"id": "', [0xc0, 0xaf], '"}}')],
  ['a UTF-8-encoded surrogate (CESU-8)', bytes('{"subscriberAccount": {"id": "', [0xed, 0xa0, 0x80], '"}}')],
  ['a truncated UTF-8 sequence', bytes('{"subscriberAccount": {"id": "', [0xe2, 0x82], '"}}')],
  ['Latin-1 bytes', bytes('{"subscriberAccount": {"id": "caf', [0xe9], '"}}')],
  ['UTF-16', Buffer.from('{"subscriberAccount": {}}', 'utf16le')],
  ['a __proto__ key', '{"subscriberAccount": {"id": "SA-H", "subscriberId": "B"}, "__proto__": {"isAdmin": true}}'],
  ['a constructor.prototype key', '{"subscriberAccount": {"id": "SA-H", "subscriberId": "B"}, "constructor": {"prototype": {"isAdmin": true}}}'],
];

const notJson: HostileCase[] = [
  ...MALFORMED.map(([name, body]) => jsonCase('subscriberAccountMaintain', `body ${name}`, body, 400, 'REQUEST-108')),
  jsonCase('subscriberAccountMaintain', 'XML sent as application/xml', '<subscriberAccountMaintainRequest/>', 415, 'REQUEST-108', { 'content-type': 'application/xml' }),
  jsonCase('subscriberAccountMaintain', 'a form upload', 'a=b', 415, 'REQUEST-108', { 'content-type': 'application/x-www-form-urlencoded' }),
  jsonCase('subscriberAccountMaintain', 'JSON sent as text/plain', JSON.stringify(accountWith({})), 400, 'REQUEST-109', { 'content-type': 'text/plain' }),
  jsonCase('subscriberAccountMaintain', 'a body of 33 MB', `{"subscriberAccount": {"id": "${times('x', 33 * 1024 * 1024)}"}}`, 413, 'REQUEST-111'),
  jsonCase('subscriberAccountMaintain', 'an Idempotency-Key of 256 characters', accountWith({}), 400, 'IDEMPOTENCY-100', { 'idempotency-key': times('k', 256) }),
  jsonCase('subscriberAccountMaintain', 'an Idempotency-Key with a space', accountWith({}), 400, 'IDEMPOTENCY-100', { 'idempotency-key': 'a key' }),
];

// --- addresses that are not operations, and GET reads with bad parameters
const get = (name: string, path: string, status: number, code: string): HostileCase => ({ name, method: 'GET', path, expect: { status, code }, audited: false });

const addresses: HostileCase[] = [
  { name: 'an unknown operation', method: 'POST', path: '/api/v1/suacProvisioning/subscriberAccountDestroy', body: '{}', expect: { status: 404, code: 'REQUEST-112' }, audited: false },
  { name: 'an unknown service', method: 'POST', path: '/api/v1/nosuchService/echo', body: '{}', expect: { status: 404, code: 'REQUEST-112' }, audited: false },
  { name: 'an operation of another service', method: 'POST', path: '/api/v1/echo/subscriberAccountRead', body: '{}', expect: { status: 404, code: 'REQUEST-112' }, audited: false },
  { name: 'a path traversal', method: 'POST', path: '/api/v1/../../etc/passwd', body: '{}', expect: { status: 404, code: 'REQUEST-112' }, audited: false },
  get('an operation read with GET', '/api/v1/echo/echo', 404, 'REQUEST-112'),
  get('accounts with page_size 0', '/api/v1/subscriber-accounts?page_size=0', 400, 'REQUEST-113'),
  get('accounts with page_size 1001', '/api/v1/subscriber-accounts?page_size=1001', 400, 'REQUEST-113'),
  get('accounts with page_size not a number', '/api/v1/subscriber-accounts?page_size=ten', 400, 'REQUEST-113'),
  get('an account id of 256 characters', `/api/v1/subscriber-accounts/${times('a', 256)}`, 404, 'SUBSCRIBERACCOUNT-100'),
  get('an account id of 256 characters outside the BMP', `/api/v1/subscriber-accounts/${encodeURIComponent(times('😀', 256))}`, 404, 'SUBSCRIBERACCOUNT-100'),
  get('an account id of 257 characters', `/api/v1/subscriber-accounts/${times('a', 257)}`, 400, 'REQUEST-103'),
  get('an account id of 4000 characters', `/api/v1/subscriber-accounts/${times('a', 4000)}`, 414, 'REQUEST-103'),
  get('a contract id with an encoded NUL', '/api/v1/charging-contracts/CC%00X', 400, 'REQUEST-118'),
  get('a contract id with broken percent-encoding', '/api/v1/charging-contracts/CC%E0%A4%A', 400, 'REQUEST-108'),
  get('the audit log from a date that is not one', '/api/v1/audit?from=2024-02-30T00:00:00', 400, 'AUDIT-100'),
  get('the audit log with a page token that is not one', '/api/v1/audit?page_token=%FF%FE', 400, 'AUDIT-100'),
];

// --- every operation of the registry, sent a body that is JSON but not an object
const NOT_OBJECTS: Array<[string, string]> = [
  ['a list', '[]'],
  ['null', 'null'],
  ['a string', '"subscriberAccount"'],
  ['a number', '42'],
  ['true', 'true'],
];

const everyOperation: HostileCase[] = OPERATIONS.flatMap((op) => NOT_OBJECTS.map(([name, body]) => jsonCase(op.name, `the body is ${name}`, body, 400, 'REQUEST-109')));

export const JSON_CASES: HostileCase[] = [
  ...stringBounds,
  ...string2000,
  ...decimals,
  ...dates,
  ...enumsAndChoices,
  ...repetitions,
  ...recharging,
  ...shapes,
  ...notJson,
  ...addresses,
  ...everyOperation,
];
