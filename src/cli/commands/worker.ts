import { Command } from 'commander';
import type { Config } from '../../config/index.ts';
import type { ProvisioningService } from '../../provisioning/index.ts';
import type { Store } from '../../store/open.ts';
import { withStore } from '../context.ts';

export type ProvisioningRuntime = {
  service: ProvisioningService;
  /** Starts this process's workers (and, on the embedded store, puts back jobs a dead process left active). */
  startWorkers(): Promise<void>;
};

/**
 * Runs `fn` with the job engine started on the store and the provisioning service wired to it, then
 * stops both (gracefully: a task in flight gets `graceMs` to finish, else it resumes next time).
 */
export async function withProvisioning<T>(store: Store, config: Config, fn: (runtime: ProvisioningRuntime) => Promise<T>, options: { supervise?: boolean; graceMs?: number } = {}): Promise<T> {
  const { startJobEngine } = await import('../../jobs/boss.ts');
  const { recoverInterruptedJobs, startProvisioningWorkers } = await import('../../jobs/worker.ts');
  const { createProvisionerPool, createProvisioningService } = await import('../../provisioning/index.ts');
  const engine = await startJobEngine(store, { supervise: options.supervise ?? true });
  const provisioners = createProvisionerPool(store.db, { secretKey: config.secretKey });
  try {
    return await fn({
      service: createProvisioningService({ db: store.db, jobs: engine, provisioners }),
      async startWorkers() {
        await recoverInterruptedJobs(engine, store.db);
        await startProvisioningWorkers(engine, { db: store.db, provisioners });
      },
    });
  } finally {
    await engine.stop({ graceful: true, timeoutMs: options.graceMs ?? 30_000 });
    await provisioners.close();
  }
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('run provisioning tasks (grants and revokes in AWS) until stopped (SIGTERM / Ctrl-C)')
    .option('--until-idle', 'exit once no task is pending or running (for cron and tests)')
    .addHelpText(
      'after',
      `
With the embedded store (no DATABASE_URL) run one worker at a time: it owns the data directory, and
\`rrcu grant --wait\` or \`rrcu start\` run the same workers in their own process. With DATABASE_URL,
run as many as you like: each task is handed to one of them. A task interrupted by a crash resumes
where it stopped (following AWS's request id), at once on the embedded store, after its heartbeat
lapses (about a minute) on PostgreSQL.`,
    )
    .action(async (flags: { untilIdle?: boolean }) => {
      await withStore(async (store, config) => {
        const { waitUntilIdle } = await import('../../jobs/worker.ts');
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          await withProvisioning(store, config, async (runtime) => {
            await runtime.startWorkers();
            process.stderr.write(`worker: running provisioning tasks on ${store.location}${flags.untilIdle ? ' until none is left' : ' (Ctrl-C to stop)'}\n`);
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
