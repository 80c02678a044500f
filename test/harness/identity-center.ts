/**
 * What the Identity Center syncer tests share: a SyncContext that records what the syncer reports,
 * a way to run a syncer to the end, and a way to allow the connector role more than the setup guide's
 * policy in the simulated world.
 */
import { CONNECTOR_ROLE_NAME, type Simulator } from '../../src/aws-sim/index.ts';
import type { SyncContext, SyncEvent, SyncWarning } from '../../src/connectors/index.ts';
import type { GrantItem, InventoryItem } from '../../src/core/inventory-items.ts';

export type RecordingContext = { ctx: SyncContext; warnings: SyncWarning[]; stages: string[] };

export function recordingContext(done: Iterable<string> = []): RecordingContext {
  const finished = new Set(done);
  const warnings: SyncWarning[] = [];
  const stages: string[] = [];
  const ctx: SyncContext = {
    isDone: (marker) => finished.has(marker),
    warn: (warning) => void warnings.push(warning),
    progress: ({ stage }) => void stages.push(stage),
  };
  return { ctx, warnings, stages };
}

/** Runs a syncer to the end: everything it yielded, and what it returned. */
export async function drain<R>(syncer: AsyncGenerator<SyncEvent, R>): Promise<{ events: SyncEvent[]; result: R }> {
  const events: SyncEvent[] = [];
  for (;;) {
    const next = await syncer.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
  }
}

export function itemsOf<K extends InventoryItem['kind']>(events: SyncEvent[], kind: K): Extract<InventoryItem, { kind: K }>[] {
  return events.filter((e): e is Extract<InventoryItem, { kind: K }> => e.kind === kind);
}

export const grantsOf = (events: SyncEvent[]): GrantItem[] => itemsOf(events, 'grant');

/** Adds an inline policy allowing `actions` to the connector role (beyond the guide's policy). */
export function allowConnector(sim: Simulator, actions: string[]): void {
  const { state } = sim.world;
  const role = state.accounts.get(state.managementAccountId)?.iam.roles.get(CONNECTOR_ROLE_NAME);
  if (!role) throw new Error('the simulated world has no connector role');
  role.inlinePolicies.set(`Extra${role.inlinePolicies.size}`, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
}

export const sorted = <T>(items: T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
