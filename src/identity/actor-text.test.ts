import { describe, expect, test } from 'vitest';
import { actorsIn, nameActorsIn } from './actor-text.ts';

const alice = 'user:d44190bb-5a1e-4c5e-9a34-2f0c1b7e8d11';
const token = 'token:0f6b8f2e-3c1d-4a5b-8e9f-1a2b3c4d5e6f';
const names = new Map([[alice, 'Alice Example (alice@example.com)'], [token, 'API token “on-call bot”']]);

describe('actor ids in stored text', () => {
  test('finds the user and token ids written in text, each once, and nothing else that looks like an actor', () => {
    expect(actorsIn(`revoked by ${alice}: asked by ${token}, then ${alice} again`)).toEqual([alice, token]);
    expect(actorsIn('revoked by system; asked by slack:U123 and cli:ops as a@b.c; user:not-a-uuid')).toEqual([]);
  });

  test.each([
    [`revoked by ${alice}: done`, 'revoked by Alice Example (alice@example.com): done'],
    [`Revoke asked by ${token} while provisioning`, 'Revoke asked by API token “on-call bot” while provisioning'],
    // A user deleted since has no name: the id stays, so the reader still knows who it was.
    ['revoked by user:11111111-2222-4333-8444-555555555555', 'revoked by user:11111111-2222-4333-8444-555555555555'],
    ['expired', 'expired'],
  ])('names the ids in %j', (text, named) => {
    expect(nameActorsIn(text, names)).toBe(named);
  });
});
