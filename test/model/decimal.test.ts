import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../src/model/decimal.ts';

const d = (text: string) => Decimal.parse(text);
const text = (value: Decimal) => value.toString();

describe('Decimal parsing', () => {
  test('when a decimal is parsed, then it keeps its digits and its scale', () => {
    assert.equal(text(d('5.00')), '5.00');
    assert.equal(d('5.00').scale, 2);
    assert.equal(d('5.00').units, 500n);
    assert.equal(text(d('-12.345')), '-12.345');
  });

  test('when other xs:decimal lexical forms are parsed, then they become canonical', () => {
    const forms: Array<[string, string]> = [
      ['+01.50', '1.50'],
      ['.5', '0.5'],
      ['-.5', '-0.5'],
      ['5.', '5'],
      ['007', '7'],
      ['-0', '0'],
      ['-0.00', '0.00'],
      ['000.000100', '0.000100'],
    ];
    for (const [input, canonical] of forms) assert.equal(Decimal.canonical(input), canonical, input);
  });

  test('when the text is not a decimal, then it is refused', () => {
    for (const input of ['', '.', '+', '-', '1e5', ' 1', '1 ', '1,5', '0x10', '1.2.3', 'NaN', 'Infinity', '١']) {
      assert.equal(Decimal.isValid(input), false, JSON.stringify(input));
      assert.equal(Decimal.tryParse(input), undefined);
    }
    assert.throws(() => d('abc'), RangeError);
  });

  test('when a decimal has 28 digits of which 6 after the point, then it is accepted; 29 digits or 7 after the point are refused', () => {
    assert.equal(text(d('1234567890123456789012.123456')), '1234567890123456789012.123456');
    assert.equal(text(d('1234567890123456789012345678')), '1234567890123456789012345678');
    assert.equal(Decimal.isValid('12345678901234567890123.123456'), false);
    assert.equal(Decimal.isValid('12345678901234567890123456789'), false);
    assert.equal(Decimal.isValid('1.1234567'), false);
    // the scale as written counts: a trailing zero is a seventh digit
    assert.equal(Decimal.isValid('0.1234560'), false);
  });

  test('when a decimal has leading zeros, then they do not count among its 28 digits', () => {
    assert.equal(text(d(`${'0'.repeat(10)}1234567890123456789012.123456`)), '1234567890123456789012.123456');
  });
});

describe('Decimal arithmetic', () => {
  test('when 0.1 and 0.2 are added, then the sum is exactly 0.3', () => {
    const sum = d('0.1').add(d('0.2'));
    assert.equal(text(sum), '0.3');
    assert.ok(sum.equals(d('0.3')));
  });

  test('when decimals of different scales are added or subtracted, then the result has the larger scale', () => {
    assert.equal(text(d('1.50').add(d('2'))), '3.50');
    assert.equal(text(d('0.3').sub(d('0.1'))), '0.2');
    assert.equal(text(d('1').sub(d('1.000001'))), '-0.000001');
    assert.equal(text(d('-5.25').negate()), '5.25');
  });

  test('when a sum exceeds 28 digits, then it overflows with a RangeError', () => {
    assert.throws(() => d('9999999999999999999999999999').add(d('1')), RangeError);
    assert.throws(() => d('9999999999999999999999.999999').add(d('0.000001')), RangeError);
    assert.equal(text(d('9999999999999999999999999998').add(d('1'))), '9999999999999999999999999999');
    assert.throws(() => d('-9999999999999999999999999999').sub(d('1')), RangeError);
  });

  test('when decimals are multiplied within 6 fraction digits, then the product is exact', () => {
    assert.equal(text(d('1.5').mul(d('1.5'))), '2.25');
    assert.equal(text(d('0.001').mul(d('0.001'))), '0.000001');
    assert.equal(text(d('-0.10').mul(d('3'))), '-0.30');
  });

  test('when a product has more than 6 fraction digits, then it is rounded half-even to 6', () => {
    const cases: Array<[string, string, string]> = [
      ['0.0005', '0.001', '0.000000'], // 0.0000005: tie, 0 is even
      ['0.0015', '0.001', '0.000002'], // 0.0000015: tie, up to the even 2
      ['0.0025', '0.001', '0.000002'], // 0.0000025: tie, down to the even 2
      ['0.0016', '0.001', '0.000002'], // above half
      ['0.0014', '0.001', '0.000001'], // below half
      ['-0.0015', '0.001', '-0.000002'], // ties of negatives are symmetric
      ['-0.0025', '0.001', '-0.000002'],
      ['0.333333', '0.333333', '0.111111'],
    ];
    for (const [a, b, product] of cases) assert.equal(text(d(a).mul(d(b))), product, `${a} × ${b}`);
  });

  test('when a product exceeds 28 digits, then it overflows with a RangeError', () => {
    assert.throws(() => d('100000000000000').mul(d('100000000000000')), RangeError);
    assert.equal(text(d('10000000000000').mul(d('100000000000000'))), '1000000000000000000000000000');
  });
});

describe('Decimal comparison', () => {
  test('when decimals differ only in scale, then they compare equal', () => {
    assert.equal(d('1.50').compare(d('1.5')), 0);
    assert.ok(d('0.00').equals(Decimal.ZERO));
    assert.ok(d('0.00').isZero());
  });

  test('when decimals differ, then compare orders them by value, not by text', () => {
    assert.equal(d('10').compare(d('9.99')), 1);
    assert.equal(d('-1').compare(d('0.5')), -1);
    assert.equal(d('-0.000001').compare(Decimal.ZERO), -1);
    assert.ok(d('-0.01').isNegative());
    assert.equal(d('0').isNegative(), false);
  });

  test('when the significant scale is asked, then trailing zeros do not count', () => {
    assert.equal(d('1.500').significantScale(), 1);
    assert.equal(d('1.05').significantScale(), 2);
    assert.equal(d('100').significantScale(), 0);
    assert.equal(d('0.000').significantScale(), 0);
    assert.equal(d('-0.000010').significantScale(), 5);
  });

  test('when a decimal is written as JSON, then it is its canonical text', () => {
    assert.equal(JSON.stringify({ amount: d('+1.50') }), '{"amount":"1.50"}');
  });
});
