// `convergent gen customers --count N --seed S --out FILE`: deterministic synthetic customers.
import { Command } from 'commander';
import { generateCustomers } from '../bulk/generate.ts';
import { TextOutput } from '../bulk/files.ts';
import { action, UsageError } from './common.ts';

const positiveInteger = (text: string, what: string, min: number): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${what} must be an integer ≥ ${min}: ${text}`);
  return value;
};

export function generateCommand(): Command {
  const gen = new Command('gen').description('synthetic data for benchmarks and demos');
  gen
    .command('customers')
    .description('write N customers (NDJSON of customerData; gzip when FILE ends in .gz), the same bytes for the same N and seed')
    .requiredOption('--count <n>', 'number of customers')
    .option('--seed <s>', 'seed (part of every id)', '1')
    .option('--out <file>', 'output file, - for stdout', '-')
    .action(
      action(async (options: { count: string; seed: string; out: string }) => {
        const count = positiveInteger(options.count, '--count', 0);
        const seed = positiveInteger(options.seed, '--seed', 0);
        const output = new TextOutput(options.out);
        for (const customer of generateCustomers({ count, seed })) await output.write(`${JSON.stringify(customer)}\n`);
        await output.close();
        if (options.out !== '-') process.stderr.write(`wrote ${count} customers to ${options.out}\n`);
      }),
    );
  return gen;
}
