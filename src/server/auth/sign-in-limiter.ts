import { isIPv6 } from 'node:net';
import { RrcuError } from '../../core/errors.ts';
import { AUTH_ERRORS } from './errors.ts';

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
   * Runs the password check of the attempt just counted for `username` from `ip` when one of the few slots
   * is free, waiting its turn in order otherwise. When too many already wait it refuses with RATE_LIMITED
   * (retry in a second) without checking, and gives the attempt back: a burst of strangers' requests must
   * not count as the user's own failures.
   */
  checkPassword<T>(username: string, ip: string, check: () => Promise<T>): Promise<T>;
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
// A pair that stops failing is forgotten after a day; each map holds at most MAX_ENTRIES (see makeRoom),
// so a spray of distinct usernames or addresses cannot exhaust memory.
const FORGET_AFTER_MS = 24 * 3_600_000;
export const MAX_ENTRIES = 10_000;

// Password checks at once: each is a 32 MiB scrypt on libuv's thread pool (4 threads by default), and two
// leave the other threads to file and DNS work. Waiting costs no memory, so excess checks wait their turn
// (a real user behind a burst of guesses is served a moment later, not refused) up to a bound.
export const CONCURRENT_CHECKS = 2;
export const WAITING_CHECKS = 32;

const waitFix = (seconds: number): string =>
  `Wait ${seconds} second(s) and try again with the right password. If it is lost, a Super Administrator can reset it (or run \`rrcu admin reset-password\` on the server).`;

/**
 * The address the limits count against: IPv4 as is (an IPv4-mapped IPv6 address `::ffff:a.b.c.d` as its
 * IPv4 address), IPv6 as its /64 network (`2001:db8:0:1::/64`). One subscriber or host usually holds a
 * whole /64, so counting single IPv6 addresses would give one attacker 2^64 fresh budgets. Anything else
 * (never expected from Fastify) is its own key.
 */
export function limitedAddress(ip: string): string {
  const hextets = ipv6Hextets(ip);
  if (!hextets) return ip;
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    const [high, low] = [hextets[6]!, hextets[7]!];
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  return `${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded and a trailing dotted IPv4 part converted; undefined for anything else. */
function ipv6Hextets(ip: string): number[] | undefined {
  const address = ip.split('%')[0]!.toLowerCase(); // without its zone (`fe80::1%eth0`)
  if (!isIPv6(address)) return undefined;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : address;
  // isIPv6 allows at most one `::`; it stands for as many zero groups as make eight.
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => parseInt(h, 16));
}

type Bounds<E> = { forgotten: (entry: E, now: number) => boolean; pausedUntil: (entry: E) => number };

/**
 * Makes room for one more key in `map`; returns 0, or, when every entry is a running pause, the ms until
 * the first one ends. A full map is emptied in this order:
 * - entries that no longer matter (forgotten pairs, ended windows);
 * - then entries that only count failures, least recently failed first. Pushing one out hands back at most
 *   a few guesses, and doing so costs the sprayer 10,000 new entries, i.e. 10,000 counted failures from
 *   at least 500 addresses (20 each per window) — more guesses than it gains;
 * - never a running pause: forgetting it would let a spray clear the lock on `admin`. If all 10,000 are
 *   paused, newcomers are refused (fail closed) until the first pause ends; known keys go on as before.
 */
function makeRoom<E>(map: Map<string, E>, bounds: Bounds<E>, now: number): number {
  if (map.size < MAX_ENTRIES) return 0;
  for (const [key, entry] of map) if (bounds.forgotten(entry, now)) map.delete(key);
  for (const [key, entry] of map) {
    if (map.size < MAX_ENTRIES) return 0;
    if (bounds.pausedUntil(entry) <= now) map.delete(key);
  }
  if (map.size < MAX_ENTRIES) return 0;
  let firstEnd = Infinity;
  for (const entry of map.values()) firstEnd = Math.min(firstEnd, bounds.pausedUntil(entry));
  return firstEnd - now;
}

const pairBounds: Bounds<PairEntry> = {
  forgotten: (pair, now) => now - pair.lastFailure > FORGET_AFTER_MS && pair.lockedUntil <= now,
  pausedUntil: (pair) => pair.lockedUntil,
};
const addressBounds: Bounds<AddressEntry> = {
  forgotten: (address, now) => now - address.windowStart >= ADDRESS_WINDOW_MS,
  pausedUntil: (address) => (address.failures >= ADDRESS_FAILURES_PER_WINDOW ? address.windowStart + ADDRESS_WINDOW_MS : 0),
};

/**
 * Slows down password guessing, in memory, per server process (a restart or a second instance starts
 * afresh; the scrypt cost per guess still applies). An address is an IPv4 address or an IPv6 /64
 * (`limitedAddress`):
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
  const pairKey = (username: string, address: string) => `${username}\n${address}`;
  const refuseNewcomer = (waitMs: number) => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new RrcuError(AUTH_ERRORS.RATE_LIMITED, `Too many sign-ins are failing right now (${MAX_ENTRIES} usernames or addresses are paused); sign-in from a new address or for a new username is paused for ${seconds} more second(s).`, {
      fix: waitFix(seconds),
      retryAfterSeconds: seconds,
    });
  };
  const returnAddressCharge = (address: string) => {
    const entry = addresses.get(address);
    if (entry && entry.failures > 0) entry.failures -= 1;
  };
  return {
    attempt(username, ip, now = Date.now()) {
      const address = limitedAddress(ip);
      const key = pairKey(username, address);
      if (!pairs.has(key)) {
        const waitMs = makeRoom(pairs, pairBounds, now);
        if (waitMs > 0) refuseNewcomer(waitMs);
      }
      const pair = pairs.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      if (pair.lockedUntil > now) {
        const seconds = Math.ceil((pair.lockedUntil - now) / 1000);
        throw new RrcuError(AUTH_ERRORS.RATE_LIMITED, `Too many failed sign-ins (${pair.failures}) for this user from your address; sign-in is paused for ${seconds} more second(s).`, {
          fix: waitFix(seconds),
          retryAfterSeconds: seconds,
        });
      }
      if (!addresses.has(address)) {
        const waitMs = makeRoom(addresses, addressBounds, now);
        if (waitMs > 0) refuseNewcomer(waitMs);
      }
      let entry = addresses.get(address);
      if (!entry || now - entry.windowStart >= ADDRESS_WINDOW_MS) entry = { failures: 0, windowStart: now };
      if (entry.failures >= ADDRESS_FAILURES_PER_WINDOW) {
        const seconds = Math.ceil((entry.windowStart + ADDRESS_WINDOW_MS - now) / 1000);
        throw new RrcuError(AUTH_ERRORS.RATE_LIMITED, `Too many failed sign-ins (${entry.failures}) from your address, for any user; sign-in from it is paused for ${seconds} more second(s).`, {
          fix: waitFix(seconds),
          retryAfterSeconds: seconds,
        });
      }
      entry.failures += 1;
      // Deleted and set again, so the maps stay in order of last failure for makeRoom.
      addresses.delete(address);
      addresses.set(address, entry);
      pair.failures += 1;
      pair.lastFailure = now;
      if (pair.failures >= FREE_FAILURES) pair.lockedUntil = now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (pair.failures - FREE_FAILURES));
      pairs.delete(key);
      pairs.set(key, pair);
    },
    succeed(username, ip) {
      const address = limitedAddress(ip);
      pairs.delete(pairKey(username, address));
      returnAddressCharge(address);
    },
    async checkPassword(username, ip, check) {
      if (running >= CONCURRENT_CHECKS) {
        if (waiting.length >= WAITING_CHECKS) {
          // The attempt was counted just before, in the same tick, when the pair was not paused (or it would
          // have been refused): giving it back restores exactly the state before it.
          const address = limitedAddress(ip);
          const key = pairKey(username, address);
          const pair = pairs.get(key);
          if (pair) {
            pair.failures -= 1;
            pair.lockedUntil = 0;
            if (pair.failures <= 0) pairs.delete(key);
          }
          returnAddressCharge(address);
          throw new RrcuError(AUTH_ERRORS.RATE_LIMITED, `The server is checking ${running} sign-ins and ${waiting.length} more wait; yours was not checked, nor counted.`, {
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
