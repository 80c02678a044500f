/**
 * Ids for resources the JSON services create at run time (the seeder makes the initial world's ids
 * deterministically; these only have to be unique and shaped as AWS shapes them).
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

export function randomLowerAlnum(length: number): string {
  return randomChars(LOWER_ALNUM, length);
}

/** A 12-digit account id not already in `taken`. */
export function newAccountId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = String(randomInt(100_000_000_000, 999_999_999_999));
    if (!taken(id)) return id;
  }
}

export function requestUuid(): string {
  return randomUUID();
}
