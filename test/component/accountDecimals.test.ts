import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnStores } from '../helpers/server.ts';
import type { PrepaidAccount } from '../../src/schema/customerData.ts';
import { assertProblem, prepaidAccount, suac, succeed } from '../helpers/accounts.ts';
import { createPrepaidAccount, createSubscriberAccount, freshId } from '../helpers/factories.ts';

// The sample catalog plus XTS (the ISO code for testing) with 6 digits, so that a
// balance can use all 28 digits of which 6 after the point.
const catalogDir = mkdtempSync(join(tmpdir(), 'convergent-decimals-'));
const catalogFile = join(catalogDir, 'catalog.json');
const sample = JSON.parse(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));
writeFileSync(catalogFile, JSON.stringify({ ...sample, currencies: [...sample.currencies, { code: 'XTS', digits: 6 }] }));

after(() => rmSync(catalogDir, { recursive: true, force: true }));

const LARGEST = '1234567890123456789012.123456';

describeOnStores(
  'decimals of prepaid accounts',
  (server) => {
    const ref = ({ subscriberAccountId, id }: PrepaidAccount) => ({ prepaidAccountReference: { subscriberAccountId, prepaidAccountId: id } });
    const balanceSet = (account: PrepaidAccount, balance: unknown) => suac(server(), 'prepaidAccountBalanceSet', { ...ref(account), balance, reason: 'decimal test' }, { user: 'migration' });
    const read = async (account: PrepaidAccount) => (await succeed(server(), 'prepaidAccountRead', ref(account))).body.prepaidAccount;
    /** a EUR prepaid account under a subscriber account, both this test's own */
    const eurAccount = async () => createPrepaidAccount(server(), (await createSubscriberAccount(server())).id);
    /** an XTS prepaid account using all 28 digits, under a subscriber account of this test's own, its balance set to LARGEST */
    const largestAccount = async () => {
      const account = prepaidAccount((await createSubscriberAccount(server())).id, freshId('PP-XTS'), { currencyCode: 'XTS', emptyLimit: `-${LARGEST}`, amountAlert: [{ alertCode: 'HIGH', amountThreshold: LARGEST }] });
      await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: account });
      assert.equal((await balanceSet(account, LARGEST)).status, 200);
      return account;
    };

    test('when the balance 0.3 is set, then it reads back exactly 0.3', async () => {
      const eur = await eurAccount();
      assert.equal((await balanceSet(eur, '0.3')).status, 200);
      assert.equal((await read(eur)).balance, '0.3');
    });

    test('when a decimal is written in another lexical form, then it reads back canonical with its scale kept', async () => {
      const eur = await eurAccount();
      assert.equal((await balanceSet(eur, '+0012.50')).status, 200);
      assert.equal((await read(eur)).balance, '12.50');
      assert.equal((await balanceSet(eur, '-.5')).status, 200);
      assert.equal((await read(eur)).balance, '-0.5');
    });

    test('when 28 digits of which 6 after the point are written as balance, empty limit and threshold, then they read back unchanged', async () => {
      const account = await largestAccount();
      assert.deepEqual(await read(account), { ...account, balance: LARGEST, currentState: 'active' });
    });

    test('when a decimal has 29 digits or 7 after the point, then the request is invalid REQUEST-104 and nothing changes', async () => {
      const xts = await largestAccount();
      assertProblem(await balanceSet(xts, '12345678901234567890123.123456'), 400, 'REQUEST-104');
      assertProblem(await balanceSet(xts, '1.1234567'), 400, 'REQUEST-104');
      assertProblem(await suac(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount(xts.subscriberAccountId, freshId('PP-X'), { emptyLimit: '0.0000001' }) }), 400, 'REQUEST-104');
      assert.equal((await read(xts)).balance, LARGEST);
    });

    test('when a decimal comes as a JSON number, then it is refused REQUEST-109: it may already have lost precision', async () => {
      assertProblem(await balanceSet(await eurAccount(), 0.3), 400, 'REQUEST-109');
    });
  },
  { catalogFile },
);
