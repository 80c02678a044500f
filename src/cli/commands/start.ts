import { Command } from 'commander';
import { withStore } from '../context.ts';
import { formatStatus } from './db.ts';

export function startCommand(): Command {
  return new Command('start').description('start RRCU (for now: open and migrate the store, and report it)').action(async () => {
    await withStore(async (store) => {
      const { storeStatus } = await import('../../store/status.ts');
      const status = await storeStatus(store);
      process.stdout.write(`RRCU opened its store and applied its migrations.\n${formatStatus(status)}`);
      process.stdout.write('The server and web UI are not part of this version yet; see README.md for the commands available.\n');
    });
  });
}
