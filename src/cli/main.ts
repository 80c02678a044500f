import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { accessCommand } from './commands/access.ts';
import { adminCommand } from './commands/admin.ts';
import { apiCommand } from './commands/api.ts';
import { auditCommand } from './commands/audit.ts';
import { connectorCommand } from './commands/connector.ts';
import { dbCommand } from './commands/db.ts';
import { evidenceCommand, reportCommand } from './commands/evidence.ts';
import { grantCommand, revokeCommand } from './commands/grant.ts';
import { policyCommand } from './commands/policy.ts';
import { privilegedCommand } from './commands/privileged.ts';
import { requestCommand } from './commands/request.ts';
import { reviewCommand } from './commands/review.ts';
import { simCommand } from './commands/sim.ts';
import { diffCommand, runsCommand } from './commands/runs.ts';
import { startCommand } from './commands/start.ts';
import { syncCommand } from './commands/sync.ts';
import { tasksCommand } from './commands/tasks.ts';
import { notificationsCommand } from './commands/notifications.ts';
import { ownersCommand } from './commands/owners.ts';
import { workerCommand } from './commands/worker.ts';
import { EXIT, printError } from './output.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('rrcu')
    .description('RRCU: who has access to what in your AWS organisation, who reviewed it, who removed it')
    .version(version, '-V, --version')
    .showHelpAfterError('(run `rrcu --help` for usage)')
    .exitOverride();
  for (const command of [startCommand(), connectorCommand(), syncCommand(), accessCommand(), privilegedCommand(), diffCommand(), runsCommand(), dbCommand(), auditCommand(), simCommand(), grantCommand(), revokeCommand(), tasksCommand(), ownersCommand(), reviewCommand(), requestCommand(), policyCommand(), evidenceCommand(), reportCommand(), notificationsCommand(), workerCommand(), adminCommand(), apiCommand()]) program.addCommand(command);
  overrideExits(program);
  return program;
}

// Commander exits by itself on a usage error unless every command, at every depth, is told not to.
function overrideExits(command: Command): void {
  for (const sub of command.commands) {
    sub.exitOverride();
    overrideExits(sub);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      // Help shown because a sub-command is missing is a usage error; `rrcu help …` asked for it.
      if (e.code === 'commander.help' && argv.slice(2).includes('help')) return EXIT.ok;
      return EXIT.usage;
    }
    printError(e);
    return EXIT.failure;
  }
}

process.exitCode = await main(process.argv);
