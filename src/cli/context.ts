import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';

/**
 * Opens the store the configuration names, runs `fn`, and always closes it (PGlite keeps the process
 * alive otherwise). The store's modules load here, on first use, so `rrcu --help` stays instant.
 */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const { loadConfig } = await import('../config/index.ts');
  const { openStore } = await import('../store/index.ts');
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: options.migrate ?? true });
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
