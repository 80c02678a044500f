import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { RrcuError } from '../core/errors.ts';
import { STORE_ERRORS } from './errors.ts';

export type DataDirLock = { release(): void };

/**
 * PGlite keeps the whole database in one process; a second process opening the same directory would
 * corrupt it. A pid file guards the directory; a stale one (its process gone) is taken over.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const path = join(dir, 'rrcu.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new RrcuError(STORE_ERRORS.DATA_DIR_IN_USE, `The embedded store in ${dir} is in use by process ${holder} (a running \`rrcu start\`, or another rrcu command).`, {
          fix: 'To read while `rrcu start` runs, set RRCU_URL (its address, e.g. http://127.0.0.1:8080) and RRCU_TOKEN (an API token): `rrcu access`, `diff`, `runs` and `tasks` then read through its API. Otherwise stop that process, or use another RRCU_DATA_DIR; to run several processes, set DATABASE_URL to a PostgreSQL server.',
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new RrcuError(STORE_ERRORS.DATA_DIR_IN_USE, `Could not take the lock ${path}.`, { fix: 'Remove the file if no RRCU process is running.' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
