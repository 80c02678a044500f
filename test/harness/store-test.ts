import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { adminQuery, withDatabase } from './global-setup.ts';

export type Engine = 'pglite' | 'postgres';

/** The engines under test: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return inject('postgres') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated store for this file on `engine`: PGlite loaded from the template dump, or a new
 * PostgreSQL database cloned from the template database (dropped afterwards).
 */
export async function freshStore(engine: Engine): Promise<Store> {
  if (engine === 'pglite') {
    const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openStore({ dataDir: 'memory://', loadDataDir: dump, migrate: false });
  }
  const pgInfo = inject('postgres');
  if (!pgInfo) throw new Error('PostgreSQL is not under test (TEST_DATABASE_URL unset)');
  const name = `rrcu_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(pgInfo.url, `create database ${name} template ${pgInfo.template}`);
  const store = await openStore({ databaseUrl: withDatabase(pgInfo.url, name), migrate: false, poolSize: 4 });
  const close = store.close;
  store.close = async () => {
    await close();
    await adminQuery(pgInfo.url, `drop database if exists ${name}`);
  };
  return store;
}

/**
 * `describe` once per engine, with a fresh store opened before the block's tests and closed after.
 * Tests in one block share the store, so each seeds its own uniquely named data.
 */
export function describeStore(name: string, body: (store: () => Store, engine: Engine) => void): void {
  describe.each(engines())(`${name} [%s]`, (engine) => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await freshStore(engine);
    });
    afterAll(async () => {
      await store?.close();
    });
    body(() => {
      if (!store) throw new Error('store not open yet');
      return store;
    }, engine);
  });
}
