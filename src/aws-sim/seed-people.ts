/**
 * People and dates for seeded worlds: the humans behind Identity Center users and IAM users, and
 * the fixed calendar every seeded timestamp is drawn from (so a seed never depends on the clock).
 */
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import type { Rng } from './random.ts';

/** Seeded worlds are "as of" 2026-01-01: everything in them was created in the two years before. */
export const SEED_EPOCH = Date.UTC(2026, 0, 1);
export const SEED_START = Date.UTC(2024, 0, 1);

/** A date in [from, to), whole seconds as AWS reports them. */
export function dateBetween(rng: Rng, from: number, to: number): Date {
  const ms = from + Math.floor(rng.next() * Math.max(1, to - from));
  return new Date(ms - (ms % 1000));
}

export type Person = {
  givenName: string;
  familyName: string;
  /** `maria.okafor`, or `maria.okafor2` when an earlier person took the name. */
  userName: string;
  email: string;
};

/** Draws people with unique user names at `domain`; a numeric suffix appears only on a collision. */
export function drawPeople(rng: Rng, count: number, domain: string, taken: Set<string> = new Set()): Person[] {
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const givenName = rng.pick(GIVEN_NAMES);
    const familyName = rng.pick(FAMILY_NAMES);
    const base = `${givenName}.${familyName}`.toLowerCase();
    let userName = base;
    for (let n = 2; taken.has(userName); n++) userName = `${base}${n}`;
    taken.add(userName);
    people.push({ givenName, familyName, userName, email: `${userName}@${domain}` });
  }
  return people;
}
