export { startJobEngine, type JobEngine } from './boss.ts';
export { HEARTBEAT_SECONDS, QUEUE_OPTIONS, RETRY, SUPERVISE_SECONDS, type QueueSpec } from './queues.ts';
export { JOB_ERRORS } from './errors.ts';
