// A bulk import takes a customer's stored documents from its NDJSON line when the line
// is written as JSON.stringify writes (src/bulk/canonicalText.ts): every text it takes
// is exactly JSON.stringify's, and a line written otherwise (white space, escapes,
// a key twice, numbers, decimals the check rewrites, read-side fields) imports the
// very documents a canonical line does.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalTexts } from '../../src/bulk/canonicalText.ts';
import { generateCustomers } from '../../src/bulk/generate.ts';
import { importCustomerFile } from '../../src/bulk/customerImport.ts';
import { Catalog } from '../../src/model/catalog.ts';
import { openStore } from '../../src/store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'convergent-canonical-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const catalog = Catalog.fromJson(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));

const customers = [...generateCustomers({ count: 40, seed: 5 })];
const lines = customers.map((c) => JSON.stringify(c));

/** The objects a customer's documents are made of. */
function storedObjects(data: Record<string, unknown>): object[] {
  const objects: object[] = [data.subscriberAccount as object];
  for (const member of ['externalAccount', 'prepaidAccount', 'subscriberMappingTable', 'subscriberRangeTable', 'chargingContract']) {
    objects.push(...((data[member] as object[] | undefined) ?? []));
  }
  return objects;
}

/** Lines that read as the same customers (or nearly) but are not written as JSON.stringify writes them. */
const variants: Array<[string, (line: string) => string]> = [
  ['a space after a colon', (line) => line.replace('"externalAccount":', '"externalAccount": ')],
  ['a space at the end', (line) => `${line} `],
  ['a tab between members', (line) => line.replace(',"prepaidAccount"', ',\t"prepaidAccount"')],
  ['an escaped letter', (line) => line.replace('"FICA"', '"FI\\u0043A"')],
  ['an escaped slash', (line) => line.replace('"FICA"', '"F\\/ICA"')],
  ['an escaped quote', (line) => line.replace('"FICA"', '"FI\\"CA"')],
  ['a key twice in a nested object', (line) => line.replace('"currencyCode":"EUR"', '"currencyCode":"USD","currencyCode":"EUR"')],
  ['a member twice', (line) => line.replace('{"subscriberAccount":', '{"externalAccount":[],"subscriberAccount":')],
  ['a number', (line) => line.replace('"amountAlert":', '"stateChangeAlert":[{"alertCode":"SOON","dayCount":7,"toStateCode":"locked"}],"amountAlert":')],
  ['a number with an exponent', (line) => line.replace('"amountAlert":', '"stateChangeAlert":[{"alertCode":"SOON","dayCount":1e3,"toStateCode":"locked"}],"amountAlert":')],
  ['a number with a fraction', (line) => line.replace('"amountAlert":', '"stateChangeAlert":[{"alertCode":"SOON","dayCount":7.0,"toStateCode":"locked"}],"amountAlert":')],
  ['a decimal not in canonical form', (line) => line.replace(/"amountThreshold":"(\d+)\.00"/, '"amountThreshold":"+0$1.500"')],
  // "+7.00" becomes "7.00" and ".020000" becomes "0.020000": the line's length stays, its texts do not
  ['decimals not in canonical form, as long as canonical ones', (line) => line.replace(/"amountThreshold":"(\d+)\.00"/, '"amountThreshold":"+$1.00"').replace('"number":"0.020000"', '"number":".020000"')],
  ['a contract with its read side', (line) => line.replace('"rootChargingContractId"', '"operationalStatus":"active","rootChargingContractId"')],
  ['a prepaid account with its read side', (line) => line.replace('"currencyCode":"EUR","emptyLimit"', '"currencyCode":"EUR","balance":"12.50","currentState":"active","emptyLimit"')],
  ['characters beyond ASCII', (line) => line.replace('"FICA"', '"FICé ✓ 𝄞"')],
];

test('when a line is written as JSON.stringify writes, then the text of every stored object is taken from it, exactly JSON.stringify\'s', () => {
  for (const line of lines) {
    const data = JSON.parse(line) as Record<string, unknown>;
    const texts = canonicalTexts(line, data);
    assert.ok(texts, 'a generated line is canonical');
    const objects = storedObjects(data);
    assert.equal(texts.size, objects.length);
    for (const object of objects) assert.equal(texts.get(object), JSON.stringify(object));
  }
});

test('when a line is written otherwise, then every text taken from it is still exactly JSON.stringify\'s', () => {
  for (const [what, change] of variants) {
    for (const line of lines.slice(0, 5)) {
      const changed = change(line);
      assert.notEqual(changed, line, `${what} changes the line`);
      const data = JSON.parse(changed) as Record<string, unknown>;
      const texts = canonicalTexts(changed, data);
      for (const [object, text] of texts ?? []) assert.equal(text, JSON.stringify(object), what);
      if (/space|tab|escape|twice|number/.test(what)) assert.equal(texts, undefined, `${what}: left to JSON.stringify`);
    }
  }
});

test('when a line holds a byte that is no UTF-8, then the import stores the documents the same line stringified does', async () => {
  // the byte reads as U+FFFD: the line has as many characters as bytes, as an ASCII line
  const ascii = lines.find((line) => Buffer.byteLength(line) === line.length)!;
  const [before, after] = ascii.split('"FICA"');
  const line = Buffer.concat([Buffer.from(`${before}"FI`), Buffer.from([0xff]), Buffer.from(`CA"${after}`)]);
  const stored: string[] = [];
  for (const [name, bytes] of [
    ['invalid', line],
    ['invalid-reference', Buffer.concat([Buffer.from(' '), line])],
  ] as const) {
    const file = join(dir, `${name}.ndjson`);
    writeFileSync(file, Buffer.concat([bytes, Buffer.from('\n')]));
    const store = await openStore(join(dir, `${name}.db`));
    try {
      const result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers: 1 });
      assert.equal(result.imported, 1);
      const [page] = await store.read((tx) => tx.customerData.exportPage(undefined, 10));
      stored.push(JSON.stringify(page));
    } finally {
      await store.close();
    }
  }
  assert.equal(stored[0], stored[1]);
  assert.match(stored[0], /FI\uFFFDCA|FI�CA/);
});

test('when a file mixes canonical lines with lines written otherwise, then the import stores the documents a file of stringified lines does', async () => {
  // each variant applied to a customer of its own; the reference file: the same lines, each after a space, which leaves every document to JSON.stringify
  const mixed = lines.map((line, i) => (i < variants.length ? variants[i][1](line) : line));
  const reference = mixed.map((line) => ` ${line}`);
  const stored: string[][] = [];
  for (const [name, text] of [
    ['mixed', mixed],
    ['reference', reference],
  ] as const) {
    const file = join(dir, `${name}.ndjson`);
    writeFileSync(file, `${text.join('\n')}\n`);
    const store = await openStore(join(dir, `${name}.db`));
    try {
      const result = await importCustomerFile(store, catalog, file, { mode: 'mass', status: 'locked', onAlreadyExistingTable: 'reject', workers: 1 });
      assert.equal(result.failed, 0, JSON.stringify(result.failuresFile && readFileSync(result.failuresFile, 'utf8')));
      assert.equal(result.imported, lines.length);
      const pages = await store.read((tx) => tx.customerData.exportPage(undefined, 1000));
      stored.push(pages.map((page) => JSON.stringify(page)));
    } finally {
      await store.close();
    }
  }
  assert.deepEqual(stored[0], stored[1]);
});
