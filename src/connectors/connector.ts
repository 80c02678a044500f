import type { InventoryItem } from '../core/inventory-items.ts';
import type { ProvisioningAction, ProvisioningTarget } from '../core/provisioning-target.ts';

/**
 * What a connector is: something that lists, for one configured source, every resource, the
 * entitlements on them and the grants of those entitlements, as a stream the sync runner writes to the
 * store in batches. Implementing it means: yield items in any order, never hold the whole organisation
 * in memory, and mark progress with checkpoints so an interrupted sync resumes where it stopped.
 */

/** Why an attempt was retried, as `apiCalls` counts it (`<cause>:<operation>`): throttling, a 5xx answer, a dropped connection or timeout. */
export const RETRY_CAUSES = ['throttled', 'server-error', 'network'] as const;
export type RetryCause = (typeof RETRY_CAUSES)[number];

/** A resumption point: once the runner has stored everything yielded before it, the marker is saved. */
export type Checkpoint = { kind: 'checkpoint'; marker: string };

/**
 * An item carries `stage`, the marker of the checkpoint that completes it, when an attempt after that
 * checkpoint skips it: a resumed run keeps the staged items of finished stages only, and lists the rest
 * again from scratch (so what AWS dropped in between is not kept). An item without one is listed by every attempt.
 */
export type StagedItem = InventoryItem & { stage?: string };

export type SyncEvent = StagedItem | Checkpoint;

export type SyncWarning = {
  code: string;
  message: string;
  fix?: string;
  /** The feature that is degraded, e.g. "permission set policies". */
  feature?: string;
};

export type SyncContext = {
  /** True when a previous attempt of this run already stored everything up to `marker`: skip that work. */
  isDone(marker: string): boolean;
  /** Something optional failed (e.g. a permission outside the setup guide's policy): the sync goes on. */
  warn(warning: SyncWarning): void;
  /** What the connector is doing now, for progress bars and the live view. */
  progress(update: { stage: string; detail?: string }): void;
  signal?: AbortSignal;
};

export type ResourceTypeDefinition = { id: string; displayName: string; isPrincipal: boolean };

export interface Connector {
  readonly kind: string;
  readonly resourceTypes: readonly ResourceTypeDefinition[];
  /** Streams everything the source holds; throws an RrcuError (with a fix) when the sync cannot go on. */
  sync(ctx: SyncContext): AsyncIterable<SyncEvent>;
  /** Calls made so far, per operation (`sso:ListAccountAssignments`), plus retries by cause (`throttled:`, `server-error:`, `network:<operation>`). */
  apiCalls(): Record<string, number>;
  /** Grants and revokes in the source, for connectors that can change it; absent means read-only. */
  provisioner?(): Provisioner;
  close(): Promise<void>;
}

export type { ProvisioningTarget };

export type ProvisioningResult = {
  /** `applied`: AWS was changed; `already`: AWS already matched, nothing was done. */
  outcome: 'applied' | 'already';
  /** AWS's id of the request that made the change (assignment request id, or the SDK's request id). */
  requestId?: string;
  /** The change was read back from AWS after it was made. */
  verified: boolean;
};

export interface Provisioner {
  /** Throws RrcuError `NOT_PROVISIONABLE` (with why and what to do instead) for what this connector cannot change. */
  check(action: ProvisioningAction, target: ProvisioningTarget): void;
  /**
   * Makes AWS match `action` on `target`, idempotently: it reads the current state first, so a retry after a
   * crash never acts twice. An asynchronous AWS operation reports its request id through `onRequestId`
   * (persist it before it returns); given `resume.requestId`, it follows that operation instead of starting one.
   * `retry` says an earlier attempt may have started an operation it died before recording: the provisioner
   * then looks for one in progress on the same target before starting another.
   */
  apply(
    action: ProvisioningAction,
    target: ProvisioningTarget,
    options: { resume?: { requestId: string }; retry?: boolean; onRequestId?: (requestId: string) => Promise<void>; signal?: AbortSignal },
  ): Promise<ProvisioningResult>;
  close(): Promise<void>;
}
