import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { quickCheckOf, quickNormaliserOf } from '../../src/schema/fastCheck.ts';
import { compileValidator } from '../../src/schema/validate.ts';
import { OPERATIONS } from '../../src/operations/registry.ts';
import { CustomerDataSchema } from '../../src/schema/customerData.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';

/** Deterministic mutations of a value: each path deleted, set to a wrong type, given an unknown sibling. */
function* mutations(value: unknown): Generator<unknown> {
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(value, []);
  const replacements = [undefined, 7, '', 'x'.repeat(257), '2026-02-30T00:00:00', '1.1234567', [], {}, null, true, 'active'];
  for (const path of paths.slice(1)) {
    for (const replacement of replacements) {
      const copy = structuredClone(value) as any;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path[path.length - 1];
      if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
      else parent[last] = replacement;
      yield copy;
    }
    const copy = structuredClone(value) as any;
    let target = copy;
    for (const key of path) target = target[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      target.unknownElement = 'x';
      yield copy;
    }
  }
}

test('when customer data and its mutations are checked, then the quick check agrees with TypeBox on every one', () => {
  const quick = quickCheckOf(CustomerDataSchema)!;
  const typebox = TypeCompiler.Compile(CustomerDataSchema);
  const [customer] = generateCustomers({ count: 1, seed: 2 });
  let checked = 0;
  for (const value of [customer, ...mutations(customer)]) {
    assert.equal(quick(value), typebox.Check(value), JSON.stringify(value));
    checked++;
  }
  assert.ok(checked > 1000);
});

test('when the quick check is built for every operation of the registry, then each is built and agrees with TypeBox on an empty request', () => {
  for (const op of OPERATIONS) {
    const quick = quickCheckOf(op.request);
    assert.ok(quick, `${op.name}: the quick check covers its schema`);
    assert.equal(quick({}), TypeCompiler.Compile(op.request).Check({}), op.name);
  }
});

/** What a validator makes of a value: the normalised value, or the error's code and message. */
function outcome(validate: (value: unknown) => unknown, value: unknown): unknown {
  try {
    return { value: validate(value) };
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

test('when customer data, its mutations, unnormalised decimals and broken choices are validated, then the quick normalising check gives what TypeBox and the normaliser give', () => {
  const validate = compileValidator(CustomerDataSchema);
  const reference = compileValidator(CustomerDataSchema, { quick: false });
  assert.ok(quickNormaliserOf(CustomerDataSchema), 'the customer data schema has a quick normalising check');
  const [customer] = [...generateCustomers({ count: 1, seed: 3 })] as any[];
  const variants: unknown[] = [customer, ...mutations(customer)];
  const decimals = structuredClone(customer);
  decimals.prepaidAccount[0].amountAlert[0].amountThreshold = '+06.500';
  decimals.subscriberMappingTable[0].row[0].column[1].number = '010';
  decimals.subscriberRangeTable[0].row[0].upperBound = '0100.0';
  variants.push(decimals);
  const twoChoices = structuredClone(customer);
  twoChoices.chargingContract[0].chargingContractItem[0].refillPlanClassId = 'RP_TOPUP';
  variants.push(twoChoices);
  const noChoice = structuredClone(customer);
  delete noChoice.subscriberMappingTable[0].row[0].column[0].string;
  variants.push(noChoice);
  const bothTax = structuredClone(customer);
  bothTax.subscriberAccount.noTax = {};
  variants.push(bothTax);
  for (const value of variants) {
    assert.deepEqual(outcome(validate, structuredClone(value)), outcome(reference, structuredClone(value)), JSON.stringify(value));
  }
  assert.equal((outcome(validate, decimals) as any).value.prepaidAccount[0].amountAlert[0].amountThreshold, '6.500');
  assert.equal((outcome(validate, twoChoices) as any).code, 'REQUEST-110');
});
