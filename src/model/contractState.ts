// The state of a charging contract (SPEC 2.2, 4.7) as pure rules: which counters
// a contract has, whether a change names only those, how a change lands on the
// values set so far, and the full state a read returns. The store keeps only the
// values ever set; every other counter holds the catalog's initialValue.
import { Decimal } from './decimal.ts';
import { fail } from './errors.ts';
import type { ErrorCode } from './codes.ts';
import type { Catalog, CatalogCounter, Plan } from './catalog.ts';
import { planClassOf } from './chargingContract.ts';
import type { WireDate } from './values.ts';
import type { ChargingContract, ChargingContractItem } from '../schema/customerData.ts';
import type { ChargeActivationState, ChargingContractState, ContractItemState, CounterValue } from '../schema/contractState.ts';

/** Shared counters come from the counter dictionary, which gives no initial value. */
export const SHARED_COUNTER_INITIAL_VALUE = '0';

/** The values ever set on a contract, by name and id (Maps: names are the caller's text). */
export interface ContractStateValues {
  sharedCounters: Map<string, string>;
  items: Map<string, ItemValues>;
}

export interface ItemValues {
  counters: Map<string, string>;
  chargeActivations: Map<string, ChargeActivationValues>;
}

export interface ChargeActivationValues {
  lastActivationDate?: WireDate;
  counters: Map<string, string>;
}

export function emptyStateValues(): ContractStateValues {
  return { sharedCounters: new Map(), items: new Map() };
}

/**
 * The shared counters a contract holds, in order of first mention: those its
 * periods share and, for a root, those it pools for its linked contracts. A linked
 * contract's pooled counters are its root's.
 */
export function sharedCountersOf(contract: ChargingContract): string[] {
  const names = new Set<string>();
  const isRoot = contract.rootChargingContractId === undefined;
  for (const item of contract.chargingContractItem ?? []) {
    for (const period of item.period) {
      for (const counter of period.sharedCounter ?? []) names.add(counter.name);
      if (isRoot) for (const counter of period.pooledCounter ?? []) names.add(counter.name);
    }
  }
  return [...names];
}

const NO_PLAN: Plan = { id: '', parameters: [], counters: [], charges: [] };

/** The plan of an item; one the catalog no longer has has no counters and no charges. */
function planOf(item: ChargingContractItem, catalog: Catalog): Plan {
  const { kind, id } = planClassOf(item);
  return catalog.plan(kind, id) ?? NO_PLAN;
}

/** A change names only counters, items and charge activations the contract has, each once. */
export function checkStateChange(state: ChargingContractState, contract: ChargingContract, catalog: Catalog): void {
  const shared = new Set(sharedCountersOf(contract));
  checkCounters(state.sharedCounter, (name) => shared.has(name), ['CONTRACTSTATE-6', 'CONTRACTSTATE-1'], `charging contract ${contract.id}`);
  const items = new Map((contract.chargingContractItem ?? []).map((item) => [item.id, item]));
  const seen = new Set<string>();
  for (const itemState of state.contractItemState ?? []) {
    const id = itemState.chargingContractItemId;
    if (seen.has(id)) fail('CONTRACTSTATE-12', `${id} in ${contract.id}`);
    seen.add(id);
    const item = items.get(id) ?? fail('CONTRACTSTATE-2', `${id} in ${contract.id}`);
    checkItemState(itemState, planOf(item, catalog));
  }
}

function checkItemState(itemState: ContractItemState, plan: Plan): void {
  const where = `item ${itemState.chargingContractItemId} (plan ${plan.id})`;
  checkCounters(itemState.counter, declaredIn(plan.counters), ['CONTRACTSTATE-7', 'CONTRACTSTATE-3'], where);
  const seen = new Set<string>();
  for (const activation of itemState.chargeActivation ?? []) {
    const id = activation.chargeActivationId;
    if (seen.has(id)) fail('CONTRACTSTATE-13', `${id} in ${where}`);
    seen.add(id);
    const charge = plan.charges.find((c) => c.id === id) ?? fail('CONTRACTSTATE-4', `${id} in ${where}`);
    checkCounters(activation.counter, declaredIn(charge.counters), ['CONTRACTSTATE-8', 'CONTRACTSTATE-5'], `charge activation ${id} of ${where}`);
  }
}

const declaredIn = (counters: CatalogCounter[]) => (name: string) => counters.some((c) => c.name === name);

/** Each counter once (`twice`) and known (`unknown`), in the order given. */
function checkCounters(counters: CounterValue[] | undefined, known: (name: string) => boolean, [twice, unknown]: [ErrorCode, ErrorCode], where: string): void {
  const seen = new Set<string>();
  for (const { name } of counters ?? []) {
    if (seen.has(name)) fail(twice, `${name} of ${where}`);
    seen.add(name);
    if (!known(name)) fail(unknown, `${name} of ${where}`);
  }
}

/** Sets on `values` what `state` names, leaving the rest; true when a value changed. */
export function applyStateChange(values: ContractStateValues, state: ChargingContractState): boolean {
  let changed = setCounters(values.sharedCounters, state.sharedCounter);
  for (const itemState of state.contractItemState ?? []) {
    const item = entry(values.items, itemState.chargingContractItemId, () => ({ counters: new Map(), chargeActivations: new Map() }));
    changed = setCounters(item.counters, itemState.counter) || changed;
    for (const activation of itemState.chargeActivation ?? []) {
      changed = setActivation(entry(item.chargeActivations, activation.chargeActivationId, () => ({ counters: new Map() })), activation) || changed;
    }
  }
  return changed;
}

function setActivation(target: ChargeActivationValues, activation: ChargeActivationState): boolean {
  let changed = false;
  if (activation.lastActivationDate !== undefined && activation.lastActivationDate !== target.lastActivationDate) {
    target.lastActivationDate = activation.lastActivationDate;
    changed = true;
  }
  return setCounters(target.counters, activation.counter) || changed;
}

/** Values compare as text: "5.00" replaces "5", keeping the scale the caller gave. */
function setCounters(target: Map<string, string>, counters: CounterValue[] | undefined): boolean {
  let changed = false;
  for (const { name, value } of counters ?? []) {
    if (target.get(name) === value) continue;
    target.set(name, value);
    changed = true;
  }
  return changed;
}

function entry<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * The full state a read returns: every shared counter, every item with every
 * counter of its plan, every charge activation of the plan with its counters;
 * each with the value set, else its initial value.
 */
export function fullContractState(contract: ChargingContract, catalog: Catalog, values: ContractStateValues = emptyStateValues()): ChargingContractState {
  const state: ChargingContractState = { chargingContractId: contract.id };
  const shared = sharedCountersOf(contract).map((name) => ({ name, value: values.sharedCounters.get(name) ?? SHARED_COUNTER_INITIAL_VALUE }));
  if (shared.length) state.sharedCounter = shared;
  const items = (contract.chargingContractItem ?? []).map((item) => fullItemState(item, planOf(item, catalog), values.items.get(item.id)));
  if (items.length) state.contractItemState = items;
  return state;
}

function fullItemState(item: ChargingContractItem, plan: Plan, values: ItemValues | undefined): ContractItemState {
  const itemState: ContractItemState = { chargingContractItemId: item.id };
  const counters = countersWithValues(plan.counters, values?.counters);
  if (counters.length) itemState.counter = counters;
  const activations = plan.charges.map((charge) => {
    const set = values?.chargeActivations.get(charge.id);
    const activation: ChargeActivationState = { chargeActivationId: charge.id };
    if (set?.lastActivationDate !== undefined) activation.lastActivationDate = set.lastActivationDate;
    const chargeCounters = countersWithValues(charge.counters, set?.counters);
    if (chargeCounters.length) activation.counter = chargeCounters;
    return activation;
  });
  if (activations.length) itemState.chargeActivation = activations;
  return itemState;
}

function countersWithValues(declared: CatalogCounter[], set: Map<string, string> | undefined): CounterValue[] {
  return declared.map(({ name, initialValue }) => ({ name, value: set?.get(name) ?? Decimal.canonical(initialValue) }));
}

// --- the stored form: a JSON document of the values ever set

interface StoredActivation {
  lastActivationDate?: WireDate;
  counters?: Record<string, string>;
}

interface StoredItem {
  counters?: Record<string, string>;
  chargeActivations?: Record<string, StoredActivation>;
}

interface StoredValues {
  sharedCounters?: Record<string, string>;
  items?: Record<string, StoredItem>;
}

// Plain loops: a 1000-item bundle converts 2000 of these documents. Objects without
// a prototype, so that a counter named "__proto__" is just a name.
function toRecord<V, R>(map: Map<string, V>, convert: (value: V) => R): Record<string, R> | undefined {
  if (map.size === 0) return undefined;
  const record: Record<string, R> = Object.create(null);
  for (const [key, value] of map) record[key] = convert(value);
  return record;
}

function toMap<V, R>(record: Record<string, V> | undefined, convert: (value: V) => R): Map<string, R> {
  const map = new Map<string, R>();
  if (record) for (const key of Object.keys(record)) map.set(key, convert(record[key]));
  return map;
}

const same = <T>(value: T): T => value;

const storedActivation = (activation: ChargeActivationValues): StoredActivation => ({
  lastActivationDate: activation.lastActivationDate,
  counters: toRecord(activation.counters, same),
});

const storedItem = (item: ItemValues): StoredItem => ({
  counters: toRecord(item.counters, same),
  chargeActivations: toRecord(item.chargeActivations, storedActivation),
});

export function stateValuesToJson(values: ContractStateValues): string {
  const stored: StoredValues = { sharedCounters: toRecord(values.sharedCounters, same), items: toRecord(values.items, storedItem) };
  return JSON.stringify(stored);
}

function activationValues(stored: StoredActivation): ChargeActivationValues {
  const values: ChargeActivationValues = { counters: toMap(stored.counters, same) };
  if (stored.lastActivationDate !== undefined) values.lastActivationDate = stored.lastActivationDate;
  return values;
}

const itemValues = (stored: StoredItem): ItemValues => ({ counters: toMap(stored.counters, same), chargeActivations: toMap(stored.chargeActivations, activationValues) });

export function stateValuesFromJson(json: string): ContractStateValues {
  const stored = JSON.parse(json) as StoredValues;
  return { sharedCounters: toMap(stored.sharedCounters, same), items: toMap(stored.items, itemValues) };
}
