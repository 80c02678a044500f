import { Command } from 'commander';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';

export function auditCommand(): Command {
  const audit = new Command('audit').description('the append-only audit log');
  audit
    .command('verify')
    .description('walk the hash chain and name the first event that does not hold')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const verdict = await withApp(({ audit }) => audit.verifyChain());
      if (opts.json) printJson(verdict);
      else if (verdict.ok) {
        process.stdout.write(`Audit chain intact: ${verdict.events} event(s), last hash ${verdict.lastHash}.\n`);
      } else {
        process.stdout.write(`Audit chain BROKEN at event #${verdict.badSeq}: ${verdict.reason}.\n`);
        process.stdout.write(`${verdict.events} event(s) before it verified. Treat event #${verdict.badSeq} and later as untrusted: compare them with a backup and find who had write access to the database.\n`);
      }
      if (!verdict.ok) process.exitCode = 1;
    });
  return audit;
}
