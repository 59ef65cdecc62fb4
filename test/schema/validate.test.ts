import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileValidator } from '../../src/schema/validate.ts';
import { CustomerDataSchema, SubscriberAccountSchema, ParameterSchema } from '../../src/schema/customerData.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { DecimalText, List, Obj, Opt } from '../../src/schema/types.ts';
import { ChargingError } from '../../src/model/errors.ts';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as ChargingError).code;
  }
  return 'accepted';
};

const account = compileValidator(SubscriberAccountSchema);
const parameter = compileValidator(ParameterSchema);

test('when a message breaks its schema, then the REQUEST code names the kind of violation', () => {
  assert.equal(codeOf(() => account({ id: 'A' })), 'REQUEST-101');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', colour: 'red' })), 'REQUEST-102');
  assert.equal(codeOf(() => account({ id: '', subscriberId: 'S' })), 'REQUEST-103');
  assert.equal(codeOf(() => account({ id: 'é'.repeat(256), subscriberId: 'S' })), 'accepted');
  assert.equal(codeOf(() => account({ id: '😀'.repeat(257), subscriberId: 'S' })), 'REQUEST-103');
  assert.equal(codeOf(() => account({ id: 'A\u0000B', subscriberId: 'S' })), 'REQUEST-118');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', description: 'lone \uD800' })), 'REQUEST-118');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', tax: { mode: 'sometimes' } })), 'REQUEST-106');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', additionalInfo: { name: 'x' } })), 'REQUEST-109');
  assert.equal(codeOf(() => parameter({ name: 'P', date: '2026-02-30T00:00:00' })), 'REQUEST-105');
  assert.equal(codeOf(() => parameter({ name: 'P', number: '1.1234567' })), 'REQUEST-104');
  assert.equal(codeOf(() => parameter({ name: 'P', number: 12 })), 'REQUEST-109');
});

test('when alternatives are given, then exactly one (or at most one for optional choices) is accepted', () => {
  assert.equal(codeOf(() => parameter({ name: 'P' })), 'REQUEST-110');
  assert.equal(codeOf(() => parameter({ name: 'P', string: 'a', number: '1' })), 'REQUEST-110');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', noTax: {}, tax: { mode: 'noTax' } })), 'REQUEST-110');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S', noTax: {} })), 'accepted');
  assert.equal(codeOf(() => account({ id: 'A', subscriberId: 'S' })), 'accepted');
});

test('when decimals are valid in any xs:decimal form, then they are canonicalised keeping their scale', () => {
  const amounts = compileValidator(Obj({ one: DecimalText(), many: Opt(List(DecimalText())) }));
  const value = amounts({ one: '+007.50', many: ['.5', '1.', '-0.000', '1234567890123456789012.123456'] }) as { one: string; many: string[] };
  assert.equal(value.one, '7.50');
  assert.deepEqual(value.many, ['0.5', '1', '0.000', '1234567890123456789012.123456']);
  assert.equal(codeOf(() => amounts({ one: '12345678901234567890123.123456' })), 'REQUEST-104');
  assert.equal(codeOf(() => amounts({ one: '1e5' })), 'REQUEST-104');
  assert.equal(codeOf(() => amounts({ one: '.' })), 'REQUEST-104');
});

test('when a message passes, then the validator tells whether it left the message exactly as given', () => {
  const amounts = compileValidator(Obj({ one: DecimalText(), many: Opt(List(DecimalText())) }));
  amounts({ one: '7.50', many: ['0.5'] });
  assert.equal(amounts.untouched(), true);
  amounts({ one: '7.50', many: ['.5'] });
  assert.equal(amounts.untouched(), false, 'a decimal made canonical');
  amounts({ one: '7.50' });
  assert.equal(amounts.untouched(), true);
  // without the quick check, TypeBox and the normaliser decide: not known, so not told untouched
  const reference = compileValidator(Obj({ one: DecimalText() }), { quick: false });
  reference({ one: '7.50' });
  assert.equal(reference.untouched(), false);
});

test('when a choice is broken deep in a message, then the message names its path', () => {
  const customer = compileValidator(CustomerDataSchema);
  const data = structuredClone([...generateCustomers({ count: 1, seed: 3 })][0]) as any;
  data.chargingContract[0].chargingContractItem[1].period[0].parameter[0] = { name: 'RANGE_TABLE' };
  try {
    customer(data);
    assert.fail('accepted');
  } catch (error) {
    assert.equal((error as ChargingError).code, 'REQUEST-110');
    assert.match((error as ChargingError).message, /: \/chargingContract\/0\/chargingContractItem\/1\/period\/0\/parameter\/0: exactly one of /);
  }
});
