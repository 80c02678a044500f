import { Command } from 'commander';
import type { App } from '../../app.ts';
import type { Config } from '../../config/index.ts';
import type { Store } from '../../store/open.ts';
import { withStore } from '../context.ts';

/**
 * Runs `fn` with the app's services on the store (job engine, provisioning, syncs), then stops them
 * gracefully: a job in flight gets `graceMs` to finish, else it resumes next time.
 */
export async function withApp<T>(store: Store, config: Config, fn: (app: App) => Promise<T>, options: { supervise?: boolean; graceMs?: number } = {}): Promise<T> {
  const { createApp } = await import('../../app.ts');
  const app = await createApp({ config, store, supervise: options.supervise ?? true });
  try {
    return await fn(app);
  } finally {
    await app.stop({ timeoutMs: options.graceMs ?? 30_000 });
  }
}

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
      await withStore(async (store, config) => {
        const { waitUntilIdle } = await import('../../provisioning/index.ts');
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          await withApp(store, config, async (app) => {
            await app.startWorkers();
            process.stderr.write(`worker: running syncs and provisioning tasks on ${store.location}${flags.untilIdle ? ' until none is left' : ' (Ctrl-C to stop)'}\n`);
            if (flags.untilIdle) await waitUntilIdle(store.db, { signal: stop.signal });
            else await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
          });
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
        }
        process.stderr.write('worker: stopped\n');
      });
    });
}
