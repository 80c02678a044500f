import { bindDb, type Db } from '../store/index.ts';
import { waitUntilIdle } from './jobs.ts';
import { getTask, listTasks } from './tasks.ts';
import { waitForTask } from './wait-for-task.ts';

export type TaskReadsDeps = { db: Db };

/**
 * Provisioning's tasks as the doors read them, on the app's store. Apart from the provisioning service
 * because reading needs no job engine: `rrcu tasks` runs without one.
 */
export function createTaskReads({ db }: TaskReadsDeps) {
  return {
    getTask: bindDb(db, getTask),
    listTasks: bindDb(db, listTasks),
    /** Resolves with the task once it has succeeded or failed. */
    waitForTask: bindDb(db, waitForTask),
    /** Resolves once no task is pending or running. */
    waitUntilIdle: bindDb(db, waitUntilIdle),
  };
}

export type TaskReads = ReturnType<typeof createTaskReads>;
