import { RrcuError } from '../../core/errors.ts';

export type SignInLimiter = {
  /**
   * Counts an attempt of `username` from `ip` as a failure BEFORE its password is checked, so parallel
   * guesses are counted as they arrive, not as their checks end. Throws RATE_LIMITED (with the seconds to
   * wait) while that pair, or that address across all usernames, is paused.
   */
  attempt(username: string, ip: string, now?: number): void;
  /** The password was right: the pair starts afresh, and the address gets back the attempt it was charged. */
  succeed(username: string, ip: string): void;
  /**
   * Runs a password check when one of the few slots is free, waiting its turn in order otherwise; refuses
   * with RATE_LIMITED (retry in a second) when too many already wait.
   */
  checkPassword<T>(check: () => Promise<T>): Promise<T>;
};

type PairEntry = { failures: number; lockedUntil: number; lastFailure: number };
type AddressEntry = { failures: number; windowStart: number };

export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
// Across usernames: enough for a few people behind one address to mistype, too few to spray passwords
// over the user list (each guess costs a 32 MiB scrypt).
export const ADDRESS_FAILURES_PER_WINDOW = 20;
const ADDRESS_WINDOW_MS = 15 * 60_000;
// A pair that stops failing is forgotten after a day; the maps are pruned when they grow, so a spray of
// distinct usernames or addresses cannot exhaust memory.
const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_ENTRIES = 10_000;

// Password checks at once: each is a 32 MiB scrypt on libuv's thread pool (4 threads by default), and two
// leave the other threads to file and DNS work. Waiting costs no memory, so excess checks wait their turn
// (a real user behind a burst of guesses is served a moment later, not refused) up to a bound.
export const CONCURRENT_CHECKS = 2;
export const WAITING_CHECKS = 32;

const waitFix = (seconds: number): string =>
  `Wait ${seconds} second(s) and try again with the right password. If it is lost, a Super Administrator can reset it (or run \`rrcu admin reset-password\` on the server).`;

/**
 * Slows down password guessing, in memory, per server process (a restart or a second instance starts
 * afresh; the scrypt cost per guess still applies):
 * - one username from one address: five failures are free, then each further one pauses that pair twice as
 *   long as the last (30 s … 15 min). The pause is per pair, so a stranger's failures never lock a user
 *   out from their own address;
 * - one address, all usernames: 20 failures per 15 minutes. This pauses only that address: behind a
 *   reverse proxy, name it in RRCU_TRUSTED_PROXIES so that each client is its own address.
 */
export function createSignInLimiter(): SignInLimiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const pairs = new Map<string, PairEntry>();
  const addresses = new Map<string, AddressEntry>();
  const pairKey = (username: string, ip: string) => `${username}\n${ip}`;
  const prune = (now: number) => {
    for (const [key, entry] of pairs) if (now - entry.lastFailure > FORGET_AFTER_MS && entry.lockedUntil <= now) pairs.delete(key);
    for (const [key, entry] of addresses) if (now - entry.windowStart >= ADDRESS_WINDOW_MS) addresses.delete(key);
    while (pairs.size >= MAX_ENTRIES) pairs.delete(pairs.keys().next().value!);
    while (addresses.size >= MAX_ENTRIES) addresses.delete(addresses.keys().next().value!);
  };
  return {
    attempt(username, ip, now = Date.now()) {
      const key = pairKey(username, ip);
      if ((!pairs.has(key) && pairs.size >= MAX_ENTRIES) || (!addresses.has(ip) && addresses.size >= MAX_ENTRIES)) prune(now);
      const pair = pairs.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      if (pair.lockedUntil > now) {
        const seconds = Math.ceil((pair.lockedUntil - now) / 1000);
        throw new RrcuError('RATE_LIMITED', `Too many failed sign-ins (${pair.failures}) for this user from your address; sign-in is paused for ${seconds} more second(s).`, {
          fix: waitFix(seconds),
          retryAfterSeconds: seconds,
        });
      }
      let address = addresses.get(ip);
      if (!address || now - address.windowStart >= ADDRESS_WINDOW_MS) address = { failures: 0, windowStart: now };
      if (address.failures >= ADDRESS_FAILURES_PER_WINDOW) {
        const seconds = Math.ceil((address.windowStart + ADDRESS_WINDOW_MS - now) / 1000);
        throw new RrcuError('RATE_LIMITED', `Too many failed sign-ins (${address.failures}) from your address, for any user; sign-in from it is paused for ${seconds} more second(s).`, {
          fix: waitFix(seconds),
          retryAfterSeconds: seconds,
        });
      }
      address.failures += 1;
      addresses.set(ip, address);
      pair.failures += 1;
      pair.lastFailure = now;
      if (pair.failures >= FREE_FAILURES) pair.lockedUntil = now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (pair.failures - FREE_FAILURES));
      pairs.set(key, pair);
    },
    succeed(username, ip) {
      pairs.delete(pairKey(username, ip));
      const address = addresses.get(ip);
      if (address && address.failures > 0) address.failures -= 1;
    },
    async checkPassword(check) {
      if (running >= CONCURRENT_CHECKS) {
        if (waiting.length >= WAITING_CHECKS) {
          throw new RrcuError('RATE_LIMITED', `The server is checking ${running} sign-ins and ${waiting.length} more wait; yours was not checked.`, {
            fix: 'Try again in a second.',
            retryAfterSeconds: 1,
          });
        }
        // The slot is handed over by the check that ends (`running` stays counted), so none can jump the queue.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await check();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
