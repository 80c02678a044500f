import type { AwsCredentialIdentity } from '@smithy/types';
import { and, eq, isNull } from 'drizzle-orm';
import type { Config } from './config/index.ts';
import { createConnectorService, type ArchiveStep, type ConnectorService } from './connectors/index.ts';
import { createAccessService, type AccessService } from './access/index.ts';
import { createAuditService, type AuditService } from './audit/index.ts';
import { createEvidenceReads, createEvidenceService, EVIDENCE_QUEUE_SPECS, PACK_WRITERS, REPORT_PRODUCERS, startEvidenceWorkers, type EvidenceReads, type EvidenceService, type MakeDeps } from './evidence/index.ts';
import { createIdentityService, type IdentityService } from './identity/index.ts';
import { createNotificationService, emailChannelFromEnvironment, NOTIFICATION_QUEUE_SPECS, startNotificationJobs, type NotificationService, type NotificationServiceDeps } from './notifications/index.ts';
import { createOwnershipService, type OwnershipService } from './ownership/index.ts';
import type { JobEngine } from './jobs/index.ts';
import {
  createProvisionerPool,
  createProvisioningService,
  createTaskReads,
  provisioningArchiveStep,
  PROVISIONING_QUEUE_SPECS,
  recoverInterruptedJobs,
  startProvisioningWorkers,
  type ProvisionerPool,
  type ProvisioningService,
  type TaskReads,
} from './provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, startRequestJobs, type RequestService } from './requests/index.ts';
import { createReviewService, observeRemediations, REVIEW_QUEUE_SPECS, startReviewJobs, type ReviewService } from './reviews/index.ts';
import { connectors, type Store } from './store/index.ts';
import { createSyncRunner, createSyncRunReads, createSyncService, syncArchiveStep, SYNC_QUEUE_SPECS, type SyncOutcome, type SyncRunner, type SyncRunReads, type SyncService } from './sync/index.ts';

/** The built-in AWS simulator this process serves the demo organisation from, when it does. */
export type Simulation = {
  endpoint: string;
  /** RRCU's host identity in the simulated organisation: what RRCU "runs as" there. */
  credentials: AwsCredentialIdentity;
  /** The connector `rrcu start` created for it. */
  connectorId: string;
};

/**
 * The one composition root: every door (server, CLI, workers, tests) gets the same services from here,
 * wired to one store. Business rules stay in the capabilities; this only wires. `AppServices` is what
 * needs no job engine (`createApp({ jobs: false })`, for CLI commands that only read or write the store),
 * provisioning's tasks and the sync's runs to read included; `App` adds the engine and the services that
 * send or run jobs.
 */
export type AppServices = {
  config: Config;
  store: Store;
  identity: IdentityService;
  access: AccessService;
  audit: AuditService;
  /** Resource owners (accounts, permission sets, groups): set in RRCU or read from a tag. */
  ownership: OwnershipService;
  /** Each person's in-app inbox; capabilities write to it with `notify` in their own transactions. */
  notifications: NotificationService;
  /** Provisioning tasks to read and wait for; asking for one is `App['provisioning']`. */
  tasks: TaskReads;
  /** Sync runs and each connector's sync state; running a sync now is `syncRunner`, queueing one `App['syncs']`. */
  runs: SyncRunReads;
  /** Runs a sync in this process now, outside the queue (`rrcu sync`): the store and the connectors are all it needs. */
  syncRunner: SyncRunner;
  simulation: Simulation | undefined;
  /** The simulation while its connector exists: once someone removed it, RRCU no longer presents itself as simulated. */
  activeSimulation(): Promise<Simulation | undefined>;
  /** Connector records, secrets and opening, with this process's endpoint policy and AWS credentials. */
  connectors: ConnectorService;
  /** Evidence packs to list, download and verify against, and to make in this process (`rrcu evidence make`); by a job is `App['evidence']`. */
  evidence: EvidenceReads;
  /** Stops the job engine, when this app started one, gracefully: a job in flight gets `timeoutMs` (default 10 s) to finish, else it resumes later. The store stays open: it is the caller's. A second call waits for the first. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

export type App = AppServices & {
  jobs: JobEngine;
  provisioning: ProvisioningService;
  provisioners: ProvisionerPool;
  syncs: SyncService;
  /** Access review campaigns: launch from a committed sync, decide, close; revokes go through `provisioning`. */
  reviews: ReviewService;
  /** Just-in-time access requests: policies, requests, approvals; grants and revokes go through `provisioning`, expiry through its jobs. */
  requests: RequestService;
  /** Evidence packs, asked for and made by a job (the `evidence-pack` queue) with their progress. */
  evidence: EvidenceService;
  /** Runs this process's share of the jobs (provisioning; unless `syncs: false`, syncs, reviews' hourly tick and requests' expiry, watch and minute tick). A process that only serves may skip it. Once `stop` has begun it returns at its next step, without failing. */
  startWorkers(options?: { syncs?: boolean }): Promise<void>;
};

export type CreateAppOptions = {
  config: Config;
  store: Store;
  simulation?: Simulation | undefined;
  /** Start the job engine (pg-boss) and the services that use it (default true). */
  jobs?: boolean;
  /** pg-boss maintenance (on for processes that run workers). */
  supervise?: boolean;
  /** The clock of time-driven work (requests' expiry, timeouts and notices); tests move it. Default the system's. */
  now?: () => Date;
};

export async function createApp(options: CreateAppOptions & { jobs: false }): Promise<AppServices>;
export async function createApp(options: CreateAppOptions & { jobs?: true }): Promise<App>;
export async function createApp(options: CreateAppOptions): Promise<App | AppServices> {
  const { config, store, simulation } = options;

  const connectorService = await createConnectors({ config, store, simulation });
  const identity = createIdentityService({ db: store.db, config });
  const services: AppServices = {
    config,
    store,
    identity,
    access: createAccessService({ db: store.db, actorNames: identity.actorNames }),
    audit: createAuditService({ db: store.db }),
    ownership: createOwnershipService({ db: store.db, actorNames: identity.actorNames }),
    notifications: createNotificationService(notificationDeps(store, config)),
    tasks: createTaskReads({ db: store.db }),
    runs: createSyncRunReads({ db: store.db }),
    syncRunner: createSyncRunner({ db: store.db, connectors: connectorService, afterCommit: observeReviews(store) }),
    connectors: connectorService,
    evidence: createEvidenceReads(evidenceDeps(store, config, identity)),
    simulation,
    async activeSimulation() {
      if (!simulation) return undefined;
      // Archiving the simulated connector ends the simulation as removing it did.
      const [row] = await store.db.select({ id: connectors.id }).from(connectors).where(and(eq(connectors.id, simulation.connectorId), isNull(connectors.archivedAt)));
      return row ? simulation : undefined;
    },
    async stop() {},
  };
  if (options.jobs === false) return services;
  return startJobs(services, { supervise: options.supervise ?? true, ...(options.now ? { now: options.now } : {}) });
}

/**
 * Starts the job engine for services built without it and adds the services that send or run jobs:
 * `createApp`'s second half, for a caller that reads the store first (`rrcu grant` finds its connector
 * before pg-boss starts).
 */
export async function startJobs(services: AppServices, options: { supervise: boolean; now?: () => Date }): Promise<App> {
  const { config, store, connectors: connectorService } = services;
  // pg-boss loads only for the processes that start the engine. (The capabilities are loaded for every
  // process: the connector service takes their archive steps.)
  const { startJobEngine } = await import('./jobs/index.ts');
  // The engine runs each capability's queues; the capabilities own them and their handlers.
  const jobs = await startJobEngine(store, { supervise: options.supervise, queues: [...PROVISIONING_QUEUE_SPECS, ...SYNC_QUEUE_SPECS, ...REVIEW_QUEUE_SPECS, ...REQUEST_QUEUE_SPECS, ...EVIDENCE_QUEUE_SPECS, ...NOTIFICATION_QUEUE_SPECS] });
  const provisioners = createProvisionerPool(connectorService);
  const provisioning = createProvisioningService({ db: store.db, jobs, provisioners, connectors: connectorService });
  const syncs = createSyncService({ db: store.db, jobs, connectors: connectorService, schedule: config.syncSchedule, afterCommit: observeReviews(store) });
  const reviews = createReviewService({ db: store.db, provisioning });
  const requests = createRequestService({ db: store.db, provisioning, jobs, actorNames: services.identity.actorNames, ...(options.now ? { now: options.now } : {}) });
  const packDeps = evidenceDeps(store, config, services.identity);
  const notifications = createNotificationService({ ...notificationDeps(store, config), jobs, ...(options.now ? { now: options.now } : {}) });
  let stopped: Promise<void> | undefined;
  return {
    ...services,
    notifications,
    jobs,
    provisioning,
    provisioners,
    syncs,
    reviews,
    requests,
    evidence: createEvidenceService({ ...packDeps, jobs }),
    async startWorkers(workerOptions = {}) {
      const steps: (() => Promise<unknown>)[] = [
        () => recoverInterruptedJobs(jobs, store.db),
        () => startProvisioningWorkers(jobs, { db: store.db, provisioners }),
        // Packs are asked for by people, like provisioning tasks: every worker process makes them.
        () => startEvidenceWorkers(jobs, packDeps),
      ];
      if (workerOptions.syncs !== false) {
        steps.push(
          () => syncs.startWorkers(),
          // Reviews' reminders, escalation, close and recurrences belong with the scheduled syncs: in the long-running workers, not in a CLI command that works off its own tasks.
          () => startReviewJobs(jobs, { db: store.db, reviews }),
          // Requests' expiry runs here too, and its tick first: what fell due while no worker ran is revoked at start-up.
          () => startRequestJobs(jobs, { requests, ...(options.now ? { now: options.now } : {}) }),
          // Email, Slack and webhooks: the fan-out of the outbox, one job per delivery, the sweep and the daily digest.
          () => notifications.syncEnvironment(),
          () => startNotificationJobs(jobs, { ...notificationDeps(store, config), jobs, digestCron: config.notifyDigestCron, now: options.now ?? (() => new Date()) }),
        );
      }
      // The app stopping (a signal while the workers start: the requests' start-up tick can take a while) ends
      // the start between its steps, quietly: pg-boss takes no more workers ('Workers are disabled') and the
      // store closes next. A step that fails once the stop has begun fails because of it.
      for (const step of steps) {
        if (jobs.stopping.aborted) return;
        try {
          await step();
        } catch (e) {
          if (jobs.stopping.aborted) return;
          throw e;
        }
      }
    },
    stop(stopOptions = {}) {
      // Once: a signal may begin it while the workers start, and the owner's stop then waits for that one.
      stopped ??= (async () => {
        await jobs.stop({ graceful: true, timeoutMs: stopOptions.timeoutMs ?? 10_000 });
        await provisioners.close();
      })();
      return stopped;
    },
  };
}

/**
 * The connector service for this process: RRCU_SECRET_KEY, the endpoint policy (AWS's endpoints, this
 * process's simulator, any with RRCU_ALLOW_CUSTOM_ENDPOINTS), the simulator's host identity as the
 * credentials for its endpoint (else the default chain), and what sync and provisioning end when a
 * connector is archived. `rrcu start` builds one for its simulated organisation before the app exists.
 */
export async function createConnectors(options: { config: Config; store: Store; simulation?: Pick<Simulation, 'endpoint' | 'credentials'> | undefined }): Promise<ConnectorService> {
  const { config, store, simulation } = options;
  return createConnectorService({
    db: store.db,
    secretKey: config.secretKey,
    endpoints: { allowCustomEndpoints: config.allowCustomEndpoints, simulatorEndpoint: simulation?.endpoint },
    credentialsFor: (connectorConfig) => (simulation && connectorConfig.endpoint === simulation.endpoint ? simulation.credentials : undefined),
    archiveSteps: ARCHIVE_STEPS,
  });
}

/** What making an evidence pack needs: the reports (their producers), the writers, the secret key its signing key is sealed with, and people's names. */
function evidenceDeps(store: Store, config: Config, identity: IdentityService): MakeDeps {
  return { db: store.db, secretKey: config.secretKey, producers: REPORT_PRODUCERS, writers: PACK_WRITERS, actorNames: (actors) => identity.actorNames(actors) };
}

/**
 * What notification delivery needs: the key channels' secrets are sealed with, the address links point at
 * (as `rrcu start` prints it), RRCU_SMTP_URL's email channel when set, and the settings drivers read at each send.
 */
function notificationDeps(store: Store, config: Config): NotificationServiceDeps & { publicUrl: string } {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    db: store.db,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl ?? `http://${host}:${config.port}`,
    environmentEmail: config.smtpUrl && config.mailFrom ? emailChannelFromEnvironment(config.smtpUrl, config.mailFrom) : undefined,
    sendSettings: { allowHttpWebhooks: config.allowHttpWebhooks, slackApiUrl: config.slackApiUrl },
  };
}

/** After each committed sync: review revokes the run proves remediated, or sees again (reviews/observe-remediations.ts). */
const observeReviews = (store: Store) => (outcome: SyncOutcome) => observeRemediations(store.db, outcome.run.connectorId, outcome.run.id);

/**
 * What sync and provisioning end when a connector is archived, for every connector service (this
 * process's, and the ones tests and benchmarks build). The sync's first: a sync running now is the
 * likelier reason to refuse.
 */
export const ARCHIVE_STEPS: readonly ArchiveStep[] = [syncArchiveStep, provisioningArchiveStep];
