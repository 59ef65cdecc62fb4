// Deterministic synthetic customers for benchmarks and demos (`convergent gen
// customers`), valid against the sample catalog. Each customer: a subscriber
// account, 1 prepaid and 1 external account, 2 root contracts with 2 items each
// and 1 linked contract, a mapping table with 3 rows, a range table with 4 rows.
// The same count and seed always give the same bytes; ids carry the seed so that
// files of different seeds can be imported side by side, and ascend in key order.
import type { CustomerData } from '../schema/customerData.ts';

/** mulberry32: small, fast, good enough for synthetic data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Anna', 'Ben', 'Chloé', 'Deniz', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jana'];
const LAST_NAMES = ['Example', 'Muster', 'Durand', 'Rossi', 'Nowak', 'Silva', 'Berg', 'Yilmaz'];
const ZONES = ['EU', 'WORLD'];

export interface GenerateOptions {
  count: number;
  seed: number;
}

export function customerIds(seed: number, index: number): { account: string; prefix: string } {
  const prefix = `S${seed}-${String(index).padStart(9, '0')}`;
  return { account: `SA-${prefix}`, prefix };
}

export function* generateCustomers({ count, seed }: GenerateOptions): Generator<CustomerData> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  for (let index = 1; index <= count; index++) {
    yield customer(seed, index, pick, digits, next);
  }
}

function customer(seed: number, index: number, pick: <T>(list: readonly T[]) => T, digits: (n: number) => string, next: () => number): CustomerData {
  const { account, prefix } = customerIds(seed, index);
  const prepaid = `PP-${prefix}`;
  const external = `EXT-${prefix}`;
  const rangeTable = `RT-${prefix}`;
  const start = `2026-0${1 + Math.floor(next() * 9)}-01T00:00:00`;
  const msisdn = (n: number) => `+49${seed % 100}${String(index).padStart(9, '0')}${n}`;
  const freeMinutes = String(50 * (1 + Math.floor(next() * 10)));
  const voice = (id: string, n: number, pooled: boolean) => ({
    id,
    chargePlanClassId: 'CP_VOICE',
    period: [
      {
        start,
        parameter: [
          { name: 'FREE_MINUTES', number: freeMinutes },
          { name: 'TARIFF_ZONE', string: pick(ZONES) },
        ],
        ...(pooled ? { pooledCounter: [{ name: 'FAMILY_MINUTES' }] } : {}),
        userTechnicalIdentifier: [{ name: 'MSISDN', userServiceId: msisdn(n) }],
        accountAssignment: [{ name: 'MAIN', accountId: prepaid, type: 'prepaid' as const }],
      },
    ],
  });
  const data = (id: string, n: number) => ({
    id,
    chargePlanClassId: 'CP_DATA',
    period: [
      {
        start,
        parameter: [{ name: 'RANGE_TABLE', string: rangeTable }],
        userTechnicalIdentifier: [{ name: 'IMSI', userServiceId: `262${seed % 100}${String(index).padStart(9, '0')}${n}` }],
        accountAssignment: [{ name: 'MAIN', accountId: external, type: 'postpaid' as const }],
      },
    ],
  });
  const topUp = (id: string) => ({
    id,
    refillPlanClassId: 'RP_TOPUP',
    period: [{ start, accountAssignment: [{ name: 'MAIN', accountId: prepaid, type: 'prepaid' as const }] }],
  });
  const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
  const zone = pick(ZONES);
  return {
    subscriberAccount: {
      id: account,
      subscriberId: `BP-${prefix}`,
      description: name,
      tax: { mode: 'vendorSubjectToPay', vat: { taxCode: 'VAT_STD', customerCountryCode: 'DE', businessCategory: 'B2C' } },
      additionalInfo: [{ name: 'SEGMENT', string: pick(['consumer', 'business']) }],
    },
    externalAccount: [{ id: external, subscriberAccountId: account, currencyCode: 'EUR', externalSystemCode: 'FICA' }],
    prepaidAccount: [
      {
        id: prepaid,
        subscriberAccountId: account,
        currencyCode: 'EUR',
        emptyLimit: '0',
        amountAlert: [{ alertCode: 'LOW', amountThreshold: `${1 + Math.floor(next() * 9)}.00` }],
      },
    ],
    subscriberMappingTable: [
      {
        id: `MT-${prefix}`,
        mappingTableClassId: 'MTC_FRIENDS',
        subscriberAccountId: account,
        row: [1, 2, 3].map((n) => ({
          id: `r${n}`,
          start: '2026-01-01T00:00:00',
          end: '2027-01-01T00:00:00',
          column: [
            { name: 'CALLED_NUMBER', string: `+4930${digits(7)}${n}` },
            { name: 'DISCOUNT_PCT', number: String(10 * n) },
          ],
        })),
      },
    ],
    subscriberRangeTable: [
      {
        id: rangeTable,
        rangeTableClassId: 'RTC_DATA_TIERS',
        subscriberAccountId: account,
        row: [
          ['100', '0.020000', 'starter'],
          ['1024', '0.010000', 'first GB'],
          ['10240', '0.005000', 'ten GB'],
          [undefined, '0.002000', 'beyond'],
        ].map(([bound, price, tier], n) => ({
          id: `r${n + 1}`,
          start: '2026-01-01T00:00:00',
          input: [
            { name: 'ZONE', string: zone },
            { name: 'CURRENCY', currency: 'EUR' },
          ],
          ...(bound ? { upperBound: bound } : {}),
          output: [
            { name: 'PRICE_PER_MB', number: price! },
            { name: 'TIER_NAME', string: tier! },
          ],
        })),
      },
    ],
    chargingContract: [
      { id: `CC-${prefix}-1`, subscriberAccountId: account, chargingContractItem: [voice('VOICE', 1, true), data('DATA', 1)] },
      { id: `CC-${prefix}-2`, subscriberAccountId: account, chargingContractItem: [voice('VOICE', 2, false), topUp('TOPUP')] },
      {
        id: `CC-${prefix}-3`,
        subscriberAccountId: account,
        rootChargingContractId: `CC-${prefix}-1`,
        chargingContractItem: [voice('VOICE', 3, true)],
      },
    ],
  };
}
