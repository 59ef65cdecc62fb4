// The charging catalog (SPEC 2.1): what customer data refers to. Loaded from the
// JSON format of examples/catalog.json; its fingerprint is the SHA-256 of its
// canonical JSON (keys sorted, no whitespace).
import { createHash } from 'node:crypto';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ChargingError } from './errors.ts';
import { Decimal } from './decimal.ts';

const Counter = Type.Object({ name: Type.String({ minLength: 1 }), initialValue: Type.String() });
const Parameter = Type.Object({
  name: Type.String({ minLength: 1 }),
  type: Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('date')]),
  mandatory: Type.Boolean(),
});
const Charge = Type.Object({
  id: Type.String({ minLength: 1 }),
  counters: Type.Array(Counter),
  price: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const Plan = Type.Object({
  id: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  parameters: Type.Array(Parameter),
  counters: Type.Array(Counter),
  charges: Type.Array(Charge),
});
const Column = <T extends TSchema>(type: T) => Type.Object({ name: Type.String({ minLength: 1 }), type });
const Lit = <V extends string[]>(...values: V) => Type.Union(values.map((v) => Type.Literal(v)));

const CatalogSchema = Type.Object({
  id: Type.Optional(Type.String()),
  currencies: Type.Array(Type.Object({ code: Type.String({ minLength: 1 }), digits: Type.Integer({ minimum: 0, maximum: 6 }) })),
  counterDictionary: Type.Array(Type.Object({ name: Type.String({ minLength: 1 }), description: Type.Optional(Type.String()) })),
  chargePlans: Type.Array(Plan),
  refillPlans: Type.Array(Plan),
  monitoringPlans: Type.Array(Plan),
  allowancePlans: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }), counters: Type.Array(Counter) })),
  mappingTableClasses: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1 }),
      inputColumns: Type.Array(Column(Lit('string', 'currency')), { minItems: 1, maxItems: 4 }),
      outputColumns: Type.Array(Column(Lit('string', 'number')), { maxItems: 15 }),
    }),
  ),
  rangeTableClasses: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1 }),
      inputColumns: Type.Array(Column(Lit('string', 'currency', 'number')), { maxItems: 5 }),
      outputColumns: Type.Array(Column(Lit('string', 'number')), { minItems: 1, maxItems: 15 }),
      upperBoundInclusive: Type.Boolean(),
      lastRangeBounded: Type.Boolean(),
    }),
  ),
  tax: Type.Object({ modes: Type.Array(Type.String()), taxCodes: Type.Array(Type.String()) }),
  spendingStatuses: Type.Array(Type.String()),
  allowanceInterfaces: Type.Array(Type.String()),
  features: Type.Optional(Type.Object({ recharging: Type.Optional(Type.Boolean()) })),
});

export type CatalogDocument = Static<typeof CatalogSchema>;
export type Plan = Static<typeof Plan>;
export type PlanKind = 'chargePlan' | 'refillPlan' | 'monitoringPlan';
export type CatalogCounter = Static<typeof Counter>;
export type MappingTableClass = CatalogDocument['mappingTableClasses'][number];
export type RangeTableClass = CatalogDocument['rangeTableClasses'][number];
export type AllowancePlan = CatalogDocument['allowancePlans'][number];

const checkCatalog = TypeCompiler.Compile(CatalogSchema);

/** A loaded catalog with its indexes and fingerprint. */
export class Catalog {
  readonly document: CatalogDocument;
  readonly fingerprint: string;
  readonly canonicalJson: string;
  /** plans by kind, then id (a look-up per contract item of every import: no key text built for it) */
  private readonly plans = new Map<PlanKind, Map<string, Plan>>();
  private readonly currencies = new Map<string, number>();
  private readonly mappingClasses = new Map<string, MappingTableClass>();
  private readonly rangeClasses = new Map<string, RangeTableClass>();
  private readonly allowancePlans = new Map<string, AllowancePlan>();
  private readonly sharedCounters: Set<string>;

  private constructor(document: CatalogDocument) {
    this.document = document;
    this.canonicalJson = canonicalJson(document);
    this.fingerprint = createHash('sha256').update(this.canonicalJson).digest('hex');
    for (const c of document.currencies) this.currencies.set(c.code, c.digits);
    const kinds: Array<[PlanKind, Plan[]]> = [
      ['chargePlan', document.chargePlans],
      ['refillPlan', document.refillPlans],
      ['monitoringPlan', document.monitoringPlans],
    ];
    for (const [kind, plans] of kinds) this.plans.set(kind, new Map(plans.map((plan) => [plan.id, plan])));
    for (const c of document.mappingTableClasses) this.mappingClasses.set(c.id, c);
    for (const c of document.rangeTableClasses) this.rangeClasses.set(c.id, c);
    for (const p of document.allowancePlans) this.allowancePlans.set(p.id, p);
    this.sharedCounters = new Set(document.counterDictionary.map((c) => c.name));
  }

  /** Validates a parsed catalog document; CATALOG-100 names the first problem. */
  static fromDocument(input: unknown): Catalog {
    if (!checkCatalog.Check(input)) {
      const first = checkCatalog.Errors(input).First();
      throw new ChargingError('CATALOG-100', first ? `${first.path || '/'}: ${first.message}` : undefined);
    }
    assertConsistent(input);
    return new Catalog(input);
  }

  static fromJson(text: string): Catalog {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ChargingError('CATALOG-100', `not JSON: ${(error as Error).message}`);
    }
    return Catalog.fromDocument(parsed);
  }

  plan(kind: PlanKind, id: string): Plan | undefined {
    return this.plans.get(kind)?.get(id);
  }

  currencyDigits(code: string): number | undefined {
    return this.currencies.get(code);
  }

  hasCurrency(code: string): boolean {
    return this.currencies.has(code);
  }

  mappingTableClass(id: string): MappingTableClass | undefined {
    return this.mappingClasses.get(id);
  }

  rangeTableClass(id: string): RangeTableClass | undefined {
    return this.rangeClasses.get(id);
  }

  allowancePlan(id: string): AllowancePlan | undefined {
    return this.allowancePlans.get(id);
  }

  /** Is `name` in the counter dictionary (a counter contracts may share)? */
  isSharedCounter(name: string): boolean {
    return this.sharedCounters.has(name);
  }

  get rechargingEnabled(): boolean {
    return this.document.features?.recharging ?? true;
  }

  hasTaxMode(mode: string): boolean {
    return this.document.tax.modes.includes(mode);
  }

  hasTaxCode(code: string): boolean {
    return this.document.tax.taxCodes.includes(code);
  }
}

function assertConsistent(doc: CatalogDocument): void {
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new ChargingError('CATALOG-100', `${what} ${id} is defined twice`);
      seen.add(id);
    }
  };
  unique('currency', doc.currencies.map((c) => c.code));
  unique('charge plan', doc.chargePlans.map((p) => p.id));
  unique('refill plan', doc.refillPlans.map((p) => p.id));
  unique('monitoring plan', doc.monitoringPlans.map((p) => p.id));
  unique('allowance plan', doc.allowancePlans.map((p) => p.id));
  unique('mapping table class', doc.mappingTableClasses.map((c) => c.id));
  unique('range table class', doc.rangeTableClasses.map((c) => c.id));
  const counters = [...doc.chargePlans, ...doc.refillPlans, ...doc.monitoringPlans].flatMap((p) => [
    ...p.counters,
    ...p.charges.flatMap((c) => c.counters),
  ]);
  for (const counter of [...counters, ...doc.allowancePlans.flatMap((p) => p.counters)]) {
    if (!Decimal.isValid(counter.initialValue)) {
      throw new ChargingError('CATALOG-100', `counter ${counter.name} has an initialValue that is not a decimal`);
    }
  }
}

/** JSON with object keys sorted and no whitespace: the input of the fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
