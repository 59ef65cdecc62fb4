import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { characterLength, compareDates, isString2000, isString256, isWireDate, validAt, validitiesOverlap, wireNow, xmlSafe } from '../../src/model/values.ts';

describe('wire dates', () => {
  test('when February 29 is in a leap year, then it is a date; in other years it is not', () => {
    assert.equal(isWireDate('2024-02-29T00:00:00'), true);
    assert.equal(isWireDate('2000-02-29T23:59:59'), true, 'divisible by 400: leap');
    assert.equal(isWireDate('2023-02-29T00:00:00'), false);
    assert.equal(isWireDate('1900-02-29T00:00:00'), false, 'divisible by 100 but not 400: not leap');
    assert.equal(isWireDate('2100-02-29T00:00:00'), false);
    assert.equal(isWireDate('2023-02-28T00:00:00'), true);
  });

  test('when a day, month or time is out of range, then it is not a date', () => {
    for (const text of ['2024-04-31T00:00:00', '2024-13-01T00:00:00', '2024-00-10T00:00:00', '2024-01-00T00:00:00', '2024-01-01T24:00:00', '2024-01-01T00:60:00', '2024-01-01T00:00:60']) {
      assert.equal(isWireDate(text), false, text);
    }
    assert.equal(isWireDate('2024-12-31T23:59:59'), true);
  });

  test('when a date has a zone, a fraction or another layout, then it is not a wire date', () => {
    for (const text of ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00+01:00', '2024-01-01T00:00:00.000', '2024-01-01', '2024-01-01 00:00:00', '2024-1-01T00:00:00', '']) {
      assert.equal(isWireDate(text), false, text);
    }
  });

  test('when now is taken, then it is UTC to the second without zone', () => {
    assert.equal(wireNow(new Date('2024-02-29T12:34:56.789Z')), '2024-02-29T12:34:56');
    assert.equal(isWireDate(wireNow()), true);
  });

  test('when wire dates are compared, then text order is time order', () => {
    assert.equal(compareDates('2024-02-29T00:00:00', '2024-03-01T00:00:00'), -1);
    assert.equal(compareDates('2024-03-01T00:00:00', '2024-03-01T00:00:00'), 0);
    assert.equal(compareDates('2025-01-01T00:00:00', '2024-12-31T23:59:59'), 1);
  });

  test('when validity is half-open, then the start is in it and the end is not; no end is open', () => {
    assert.equal(validAt('2024-01-01T00:00:00', '2024-02-01T00:00:00', '2024-01-01T00:00:00'), true);
    assert.equal(validAt('2024-01-01T00:00:00', '2024-02-01T00:00:00', '2024-02-01T00:00:00'), false);
    assert.equal(validAt('2024-01-01T00:00:00', undefined, '2999-01-01T00:00:00'), true);
    assert.equal(validAt('2024-01-01T00:00:00', undefined, '2023-12-31T23:59:59'), false);
  });

  test('when validities touch, then they do not overlap; when they share an instant, then they do', () => {
    const jan = ['2024-01-01T00:00:00', '2024-02-01T00:00:00'] as const;
    assert.equal(validitiesOverlap(...jan, '2024-02-01T00:00:00', undefined), false);
    assert.equal(validitiesOverlap(...jan, '2024-01-31T23:59:59', '2024-03-01T00:00:00'), true);
    assert.equal(validitiesOverlap('2024-01-01T00:00:00', undefined, '2030-01-01T00:00:00', undefined), true);
    assert.equal(validitiesOverlap('2024-03-01T00:00:00', undefined, ...jan), false);
  });
});

describe('bounded strings', () => {
  test('when a string has characters outside the BMP, then each counts as one, as XML Schema counts', () => {
    assert.equal(characterLength('😀'), 1);
    assert.equal('😀'.length, 2);
    assert.equal(characterLength('a😀b'), 3);
    assert.equal(characterLength(''), 0);
  });

  test('when a String256 has 256 code points, then it is valid even past 256 UTF-16 units; 257 are too many', () => {
    assert.equal(isString256('😀'.repeat(256)), true);
    assert.equal(isString256('😀'.repeat(257)), false);
    assert.equal(isString256('a'.repeat(256)), true);
    assert.equal(isString256('a'.repeat(257)), false);
    assert.equal(isString256('é'.repeat(256)), true);
  });

  test('when a bounded string is empty, then it is invalid', () => {
    assert.equal(isString256(''), false);
    assert.equal(isString2000(''), false);
  });

  test('when a String2000 has 2000 code points, then it is valid; 2001 are too many', () => {
    assert.equal(isString2000('𝄞'.repeat(2000)), true);
    assert.equal(isString2000('x'.repeat(2001)), false);
    assert.equal(isString2000('𝄞'.repeat(2001)), false);
  });

  test('when a string holds a character XML cannot carry, then it is invalid, and xmlSafe replaces it for logs', () => {
    for (const text of ['a\u0000b', '\u0007', 'x\uFFFE', 'x\uFFFF', 'lone \uD800 high', 'lone \uDC00 low', '\uDC00\uD800']) {
      assert.equal(isString256(text), false, JSON.stringify(text));
      assert.equal(isString2000(text), false, JSON.stringify(text));
    }
    for (const text of ['tab\there', 'line\nfeed', 'cr\r', '\uD7FF\uE000\uFFFD', '\u{10FFFF}', '😀']) assert.equal(isString256(text), true, JSON.stringify(text));
    assert.equal(xmlSafe('a\u0000b\uD800'), 'a\uFFFDb\uFFFD');
    assert.equal(xmlSafe('😀 ok'), '😀 ok');
  });
});
