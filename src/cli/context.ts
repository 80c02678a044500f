import type { App, AppServices } from '../app.ts';

type ServicesOnly = { migrate?: boolean };
type WithJobs = {
  jobs: true;
  /** pg-boss maintenance: on for a process that runs workers (default true). */
  supervise?: boolean;
  /** How long a job in flight gets to finish at the end, else it resumes next time (default 30 s). */
  graceMs?: number;
};

/**
 * Runs `fn` with the app on the store the configuration names, built by `createApp` as every door's is:
 * with the job engine only when asked (`jobs: true`: commands that send or run jobs), so a command that
 * only reads or writes the store starts no pg-boss. Then stops the app and always closes the store (PGlite
 * keeps the process alive otherwise). The modules load here, on first use, so `rrcu --help` stays instant.
 */
export async function withApp<T>(fn: (app: AppServices) => Promise<T>, options?: ServicesOnly): Promise<T>;
export async function withApp<T>(fn: (app: App) => Promise<T>, options: WithJobs): Promise<T>;
export async function withApp<T>(fn: (app: App) => Promise<T>, options: ServicesOnly & Partial<WithJobs> = {}): Promise<T> {
  const { loadConfig } = await import('../config/index.ts');
  const { openStore } = await import('../store/index.ts');
  const { createApp } = await import('../app.ts');
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: options.migrate ?? true });
  try {
    // The overloads make sure a function given the app with jobs asked for them.
    const app = (options.jobs ? await createApp({ config, store, supervise: options.supervise ?? true }) : await createApp({ config, store, jobs: false })) as App;
    try {
      return await fn(app);
    } finally {
      await app.stop({ timeoutMs: options.graceMs ?? 30_000 });
    }
  } finally {
    await store.close();
  }
}
