// `convergent user add|list|remove`: on the store directly, server running or not.
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { addUser, listUsers, removeUser } from '../operations/users.ts';
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
        const generated = !options.passwordStdin;
        const password = generated ? randomBytes(18).toString('base64url') : (await readStdin()).replace(/\r?\n$/, '');
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
  return user;
}
