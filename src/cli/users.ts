// `convergent user add|list|remove|password|token`: on the store directly, server
// running or not. A running server sees a changed password or a removed user
// within its authentication cache's 30 s; a revoked token at once.
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { addUser, listUsers, removeUser, setPassword } from '../operations/users.ts';
import { issueToken, listTokens, revokeToken } from '../operations/tokens.ts';
import { ROLES } from '../operations/operation.ts';
import { action, readStdin, withStore } from './common.ts';

export function userCommand(): Command {
  const user = new Command('user').description(`users and their roles (${ROLES.join(', ')})`);
  user
    .command('add <name>')
    .description('add a user; without --password-stdin a password is generated and printed once')
    .requiredOption('--role <role...>', `one or more of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (name: string, options: { role: string[]; passwordStdin?: boolean; db?: string }) => {
        const { password, generated } = await passwordOf(options);
        await withStore(options.db, (store) => addUser(store, name, options.role, password));
        process.stdout.write(generated ? `added ${name}; password ${password}\n` : `added ${name}\n`);
      }),
    );
  user
    .command('list')
    .description('list users and their roles')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (options: { db?: string }) => {
        const users = await withStore(options.db, listUsers);
        for (const u of users) process.stdout.write(`${u.name}\t${u.roles.join(',')}\t${u.createdAt}\n`);
      }),
    );
  user
    .command('remove <name>')
    .description('remove a user')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (name: string, options: { db?: string }) => {
        await withStore(options.db, (store) => removeUser(store, name));
        process.stdout.write(`removed ${name}\n`);
      }),
    );
  user
    .command('password <name>')
    .description('set a new password (rotation); without --password-stdin one is generated and printed once')
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (name: string, options: { passwordStdin?: boolean; db?: string }) => {
        const { password, generated } = await passwordOf(options);
        await withStore(options.db, (store) => setPassword(store, name, password));
        process.stdout.write(generated ? `password of ${name} changed; password ${password}\n` : `password of ${name} changed\n`);
      }),
    );
  user.addCommand(tokenCommand());
  return user;
}

async function passwordOf(options: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: (await readStdin()).replace(/\r?\n$/, ''), generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}

function tokenCommand(): Command {
  const token = new Command('token')
    .description('issue a bearer token for user NAME (printed once), or: token list, token revoke ID')
    .argument('<name>', 'the user the token authenticates')
    .option('--description <text>', 'what the token is for')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (name: string, options: { description?: string; db?: string }) => {
        const issued = await withStore(options.db, (store) => issueToken(store, name, options.description));
        process.stdout.write(`token ${issued.id} of ${name}; keep it now, it is not shown again:\n${issued.token}\n`);
      }),
    );
  token
    .command('list [name]')
    .description('list tokens (of one user): id, user, created, revoked, description')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (name: string | undefined, options: { db?: string }) => {
        const tokens = await withStore(options.db, (store) => listTokens(store, name));
        for (const t of tokens) process.stdout.write(`${t.id}\t${t.user}\t${t.createdAt}\t${t.revokedAt ?? '-'}\t${t.description ?? ''}\n`);
      }),
    );
  token
    .command('revoke <id...>')
    .description('revoke tokens by id; a revoked token is refused from the next request on')
    .option('--db <url>', 'SQLite file or postgres:// URL')
    .action(
      action(async (ids: string[], options: { db?: string }) => {
        await withStore(options.db, async (store) => {
          for (const id of ids) {
            const revoked = await revokeToken(store, id);
            process.stdout.write(`revoked token ${id} of ${revoked.user}\n`);
          }
        });
      }),
    );
  return token;
}
