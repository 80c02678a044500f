export { createProvisioningService, type ProvisioningService, type ProvisioningServiceDeps, type RequestedTask } from './service.ts';
export { runProvisioningTask, type RunTaskDeps, type TaskAttempt } from './run-task.ts';
export { markTasksObservedBySync, type ObservedTask } from './verify-by-next-sync.ts';
export { createProvisionerPool, type ProvisionerPool } from './provisioner-pool.ts';
export { claimTask, getTask, listTasks, listOpenTasks, countOpenTasks, type ProvisioningTask, type TaskFilter } from './tasks.ts';
export { describeEntitlement, resolvePrincipal } from './resolve-target.ts';
export { grantRequestSchema, revokeRequestSchema, taskStatusSchema, provisioningTriggerSchema, type GrantRequest, type RevokeRequest } from './schemas.ts';
export {
  PROVISIONING_QUEUES,
  PROVISIONING_QUEUE_SPECS,
  ASSIGNMENT_JOBS_FINISHING,
  startProvisioningWorkers,
  recoverInterruptedJobs,
  waitUntilIdle,
  nextAttemptAt,
  type WorkerOptions,
} from './jobs.ts';
export { waitForTask, type TaskProgress, type WaitOptions } from './wait-for-task.ts';
export { taskViewSchema, toTaskView, type TaskView } from './task-view.ts';
export { createTaskReads, type TaskReads, type TaskReadsDeps } from './task-reads.ts';
export { provisioningArchiveStep } from './archive-step.ts';
