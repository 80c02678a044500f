import type { IAMClient } from '@aws-sdk/client-iam';
import type { SyncContext } from '../../connector.ts';
import type { AccountInfo } from '../resource-types.ts';

/** What the IAM syncers of one account share. */
export type IamScope = {
  iam: IAMClient;
  account: AccountInfo;
  ctx: SyncContext;
  /** MaxItems of every list call. */
  pageSize: number;
  /** Per-item lookups (GetGroup, tags, policy names) in flight at once. */
  inFlight: number;
  /** Runs a required call; its failure is thrown as a classified RrcuError. */
  call<T>(action: string, send: () => Promise<T>): Promise<T>;
  /** Runs an optional call; undefined when it is denied (warned once per feature per sync). */
  optional<T>(action: string, send: () => Promise<T>): Promise<T | undefined>;
};

/** Every item of a Marker-paged IAM list call (a required one: its failure is thrown). */
export async function listAllPages<P extends { IsTruncated?: boolean; Marker?: string }, T>(
  scope: IamScope,
  action: string,
  send: (marker: string | undefined) => Promise<P>,
  itemsOf: (page: P) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await scope.call(action, () => send(marker));
    items.push(...(itemsOf(page) ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return items;
}
