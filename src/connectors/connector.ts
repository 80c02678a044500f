import type { InventoryItem } from '../core/inventory-items.ts';

/**
 * What a connector is: something that lists, for one configured source, every resource, the
 * entitlements on them and the grants of those entitlements, as a stream the sync runner writes to the
 * store in batches. Implementing it means: yield items in any order, never hold the whole organisation
 * in memory, and mark progress with checkpoints so an interrupted sync resumes where it stopped.
 */

/** A resumption point: once the runner has stored everything yielded before it, the marker is saved. */
export type Checkpoint = { kind: 'checkpoint'; marker: string };

export type SyncEvent = InventoryItem | Checkpoint;

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
  /** Calls made so far, per operation (`sso:ListAccountAssignments`), plus `throttled:<operation>` retries. */
  apiCalls(): Record<string, number>;
  close(): Promise<void>;
}
