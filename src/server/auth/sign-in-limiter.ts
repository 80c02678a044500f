import { RrcuError } from '../../core/errors.ts';

export type SignInLimiter = {
  /** Throws RATE_LIMITED while `key` is locked out. */
  check(key: string, now?: number): void;
  fail(key: string, now?: number): void;
  succeed(key: string): void;
};

type Entry = { failures: number; lockedUntil: number; lastFailure: number };

const FREE_FAILURES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
// An address that stops failing is forgotten after a day; the map is pruned when it grows, so a
// spray of distinct usernames cannot exhaust memory.
const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_ENTRIES = 10_000;

/**
 * Slows down password guessing for one username from one address: five failures are free, then each
 * further failure locks that pair out for twice as long as the last (30 s … 15 min). In memory, per
 * server process: a restart or a second instance starts afresh, which is acceptable for the single
 * local administrator; the scrypt cost per guess still applies.
 */
export function createSignInLimiter(): SignInLimiter {
  const entries = new Map<string, Entry>();
  const prune = (now: number) => {
    for (const [key, entry] of entries) if (now - entry.lastFailure > FORGET_AFTER_MS && entry.lockedUntil <= now) entries.delete(key);
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  return {
    check(key, now = Date.now()) {
      const entry = entries.get(key);
      if (!entry || entry.lockedUntil <= now) return;
      const seconds = Math.ceil((entry.lockedUntil - now) / 1000);
      throw new RrcuError('RATE_LIMITED', `Too many failed sign-ins (${entry.failures}) for this user from your address; sign-in is paused for ${seconds} more second(s).`, {
        fix: `Wait ${seconds} second(s) and try again with the right password. If it is lost, run \`rrcu admin reset-password\` on the server.`,
      });
    },
    fail(key, now = Date.now()) {
      if (!entries.has(key) && entries.size >= MAX_ENTRIES) prune(now);
      const entry = entries.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      entry.failures += 1;
      entry.lastFailure = now;
      if (entry.failures >= FREE_FAILURES) entry.lockedUntil = now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (entry.failures - FREE_FAILURES));
      entries.set(key, entry);
    },
    succeed(key) {
      entries.delete(key);
    },
  };
}
