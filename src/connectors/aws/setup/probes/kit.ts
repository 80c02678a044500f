/**
 * What every probe is made of. A list call is made once and shared by every check that needs its
 * answer (`once`); a check that needs what another action finds says so when that action failed (`need`).
 */
import type { ActionSpec } from '../../actions.ts';

/** The check could not be made: nothing to call the action on, or what it needs did not succeed. */
export class NotChecked {
  constructor(readonly reason: string) {}
}

/** A probe resolves with what it saw, or throws the AWS error or NotChecked. */
export type Probe = (spec: ActionSpec) => Promise<string>;
export type Probes = Partial<Record<string, Probe>>;

/** Accounts looked at when a check needs an account with something in it (a provisioned permission set, an OU). */
export const ACCOUNTS_LOOKED_AT = 5;

export const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};

/** What another action found, or NotChecked naming that action when it did not succeed. */
export const need = async <T>(action: string, value: () => Promise<T>): Promise<T> => {
  try {
    return await value();
  } catch (error) {
    if (error instanceof NotChecked) throw error;
    throw new NotChecked(`Needs what ${action} finds, and ${action} did not succeed (see its check).`);
  }
};

export const some = <T>(value: T | undefined, why: string): T => {
  if (value === undefined) throw new NotChecked(why);
  return value;
};
