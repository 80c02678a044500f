import { Command } from 'commander';
import { withApp } from '../context.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .description('run queued syncs and provisioning tasks (grants and revokes in AWS) until stopped (SIGTERM / Ctrl-C)')
    .option('--until-idle', 'exit once no provisioning task is pending or running (for cron and tests)')
    .addHelpText(
      'after',
      `
With the embedded store (no DATABASE_URL) run one worker at a time: it owns the data directory, and
\`rrcu grant --wait\` or \`rrcu start\` run the same workers in their own process. With DATABASE_URL,
run as many as you like: each sync and task is handed to one of them. A task interrupted by a crash resumes
where it stopped (following AWS's request id), at once on the embedded store, after its heartbeat
lapses (within about 20 s) on PostgreSQL.`,
    )
    .action(async (flags: { untilIdle?: boolean }) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      try {
        await withApp(
          async (app) => {
            await app.startWorkers();
            process.stderr.write(`worker: running syncs and provisioning tasks on ${app.store.location}${flags.untilIdle ? ' until none is left' : ' (Ctrl-C to stop)'}\n`);
            if (flags.untilIdle) await app.tasks.waitUntilIdle({ signal: stop.signal });
            else await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
          },
          { jobs: true },
        );
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      process.stderr.write('worker: stopped\n');
    });
}
