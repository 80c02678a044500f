import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { runWorker } from '../../src/cli/commands/worker.ts';

describe('rrcu worker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-worker-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  test('stopped (Ctrl-C) before its store was open, it ends without taking work instead of waiting forever', async () => {
    vi.stubEnv('RRCU_DATA_DIR', join(dir, 'data'));
    vi.stubEnv('DATABASE_URL', undefined);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const stop = new AbortController();
      stop.abort();
      // Before: the wait listened for an abort that had already happened, so this never resolved.
      await runWorker({ untilIdle: false, signal: stop.signal });
      expect(stderr).not.toHaveBeenCalledWith(expect.stringContaining('worker: running'));
    } finally {
      stderr.mockRestore();
    }
  }, 60_000);
});
