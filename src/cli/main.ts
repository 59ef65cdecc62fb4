// The `convergent` command line (SPEC 1).
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './common.ts';
import { serveCommand } from './serve.ts';
import { catalogCommand } from './catalog.ts';
import { userCommand } from './users.ts';
import { generateCommand } from './generate.ts';
import { stateCommand } from './state.ts';
import { exportCommand, importCommand } from './customerData.ts';
import { transferCommand } from './transfer.ts';
import { auditCommand } from './audit.ts';

const program = new Command('convergent')
  .description('Customer master data server for convergent charging, wire-compatible with SAP CC web services');

program.addCommand(serveCommand());
program.addCommand(catalogCommand());
program.addCommand(userCommand());
program.addCommand(generateCommand());
program.addCommand(stateCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(transferCommand());
program.addCommand(auditCommand());

// usage errors anywhere exit 2 (SPEC 1), so every subcommand reports instead of exiting 1
const reportUsageErrors = (command: Command): void => {
  command.exitOverride().showHelpAfterError();
  command.commands.forEach(reportUsageErrors);
};
reportUsageErrors(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  throw error;
}
