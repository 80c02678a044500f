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
        await runWorker({ untilIdle: Boolean(flags.untilIdle), signal: stop.signal });
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      process.stderr.write('worker: stopped\n');
    });
}

/** How long a job in flight gets to finish at the stop, else it resumes at the next start. */
const GRACE_MS = 30_000;

/** Runs this process's workers until `signal` aborts or, with `untilIdle`, no provisioning task is left. */
export async function runWorker(options: { untilIdle: boolean; signal: AbortSignal }): Promise<void> {
  const { untilIdle, signal } = options;
  await withApp(
    async (app) => {
      // A stop while the store opened (migrations can take a while) ends it before any work is taken.
      if (signal.aborted) return;
      // A stop while the workers start begins the app's stop at once: the requests' start-up tick (what fell due
      // while no worker ran, possibly hundreds) ends at its next request, and the start at its next step.
      const stopApp = () => void app.stop({ timeoutMs: GRACE_MS }).catch(() => undefined);
      signal.addEventListener('abort', stopApp, { once: true });
      try {
        await app.startWorkers();
      } finally {
        signal.removeEventListener('abort', stopApp);
      }
      if (signal.aborted) return;
      process.stderr.write(`worker: running syncs and provisioning tasks on ${app.store.location}${untilIdle ? ' until none is left' : ' (Ctrl-C to stop)'}\n`);
      if (untilIdle) await app.tasks.waitUntilIdle({ signal });
      else await stopped(signal);
    },
    { jobs: true, graceMs: GRACE_MS },
  );
}

/** Resolves once `signal` aborts, at once when it already has: a listener added after the abort never runs. */
function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
