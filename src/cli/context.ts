import type { App, AppServices } from '../app.ts';

type ServicesOnly = { migrate?: boolean };
type WithJobs<B> = {
  jobs: true;
  /**
   * Runs on the app before its job engine starts; `fn` gets what it answers. What can fail on the store
   * alone (no connector to use) fails here, without starting pg-boss.
   */
  before?: (services: AppServices) => Promise<B>;
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
export async function withApp<T, B>(fn: (app: App, before: B) => Promise<T>, options: WithJobs<B>): Promise<T>;
export async function withApp<T, B>(fn: (app: App, before: B | undefined) => Promise<T>, options: ServicesOnly & Partial<WithJobs<B>> = {}): Promise<T> {
  const { loadConfig, withEmbeddedSecretKey } = await import('../config/index.ts');
  const { openStore } = await import('../store/index.ts');
  const { createApp, startJobs } = await import('../app.ts');
  const { config } = withEmbeddedSecretKey(loadConfig());
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: options.migrate ?? true });
  try {
    const services = await createApp({ config, store, jobs: false });
    const before = options.jobs ? await options.before?.(services) : undefined;
    // The overloads make sure a function given the app with jobs asked for them.
    const app = (options.jobs ? await startJobs(services, { supervise: options.supervise ?? true }) : services) as App;
    try {
      return await fn(app, before);
    } finally {
      await app.stop({ timeoutMs: options.graceMs ?? 30_000 });
    }
  } finally {
    await store.close();
  }
}
