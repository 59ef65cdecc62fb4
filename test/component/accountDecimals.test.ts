import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnStores } from '../helpers/server.ts';
import { assertProblem, maintainSubscriberAccount, prepaidAccount, suac, succeed } from '../helpers/accounts.ts';

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
    const ref = (prepaidAccountId: string) => ({ prepaidAccountReference: { subscriberAccountId: 'SA-D', prepaidAccountId } });
    const balanceSet = (id: string, balance: unknown) => suac(server(), 'prepaidAccountBalanceSet', { ...ref(id), balance, reason: 'decimal test' }, { user: 'migration' });
    const read = async (id: string) => (await succeed(server(), 'prepaidAccountRead', ref(id))).body.prepaidAccount;

    test('when the balance 0.3 is set, then it reads back exactly 0.3', async () => {
      await maintainSubscriberAccount(server(), 'SA-D');
      await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-D', 'PP-EUR') });
      assert.equal((await balanceSet('PP-EUR', '0.3')).status, 200);
      assert.equal((await read('PP-EUR')).balance, '0.3');
    });

    test('when a decimal is written in another lexical form, then it reads back canonical with its scale kept', async () => {
      assert.equal((await balanceSet('PP-EUR', '+0012.50')).status, 200);
      assert.equal((await read('PP-EUR')).balance, '12.50');
      assert.equal((await balanceSet('PP-EUR', '-.5')).status, 200);
      assert.equal((await read('PP-EUR')).balance, '-0.5');
    });

    test('when 28 digits of which 6 after the point are written as balance, empty limit and threshold, then they read back unchanged', async () => {
      const account = prepaidAccount('SA-D', 'PP-XTS', { currencyCode: 'XTS', emptyLimit: `-${LARGEST}`, amountAlert: [{ alertCode: 'HIGH', amountThreshold: LARGEST }] });
      await succeed(server(), 'prepaidAccountMaintain', { prepaidAccount: account });
      assert.equal((await balanceSet('PP-XTS', LARGEST)).status, 200);
      assert.deepEqual(await read('PP-XTS'), { ...account, balance: LARGEST, currentState: 'active' });
    });

    test('when a decimal has 29 digits or 7 after the point, then the request is invalid REQUEST-104 and nothing changes', async () => {
      assertProblem(await balanceSet('PP-XTS', '12345678901234567890123.123456'), 400, 'REQUEST-104');
      assertProblem(await balanceSet('PP-XTS', '1.1234567'), 400, 'REQUEST-104');
      assertProblem(await suac(server(), 'prepaidAccountMaintain', { prepaidAccount: prepaidAccount('SA-D', 'PP-X', { emptyLimit: '0.0000001' }) }), 400, 'REQUEST-104');
      assert.equal((await read('PP-XTS')).balance, LARGEST);
    });

    test('when a decimal comes as a JSON number, then it is refused REQUEST-109: it may already have lost precision', async () => {
      assertProblem(await balanceSet('PP-EUR', 0.3), 400, 'REQUEST-109');
    });
  },
  { catalogFile },
);
