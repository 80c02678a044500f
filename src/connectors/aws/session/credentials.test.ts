import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, test } from 'vitest';
import { roleArnIn, sharedCredentialCache } from './credentials.ts';

function fakeSts(lifetimeMs = 3600_000) {
  let clock = 0;
  let issued = 0;
  let failNext = false;
  const fetch = async (): Promise<AwsCredentialIdentity> => {
    await Promise.resolve();
    if (failNext) {
      failNext = false;
      throw new Error('AssumeRole failed');
    }
    issued += 1;
    return { accessKeyId: `ASIA${issued}`, secretAccessKey: 's', expiration: new Date(clock + lifetimeMs) };
  };
  return {
    fetch,
    now: () => clock,
    advance: (ms: number) => (clock += ms),
    issued: () => issued,
    failOnce: () => (failNext = true),
  };
}

describe('sharedCredentialCache', () => {
  test('concurrent callers share one fetch, and later callers the cached credentials', async () => {
    const sts = fakeSts();
    const credentials = sharedCredentialCache(sts.fetch, sts.now);
    const all = await Promise.all([credentials(), credentials(), credentials()]);
    await credentials();
    expect(sts.issued()).toBe(1);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['ASIA1']));
  });

  test('renews five minutes before expiry, not after', async () => {
    const sts = fakeSts();
    const credentials = sharedCredentialCache(sts.fetch, sts.now);
    await credentials();
    sts.advance(3600_000 - 5 * 60_000 - 1);
    expect((await credentials()).accessKeyId).toBe('ASIA1');
    sts.advance(2);
    expect((await credentials()).accessKeyId).toBe('ASIA2');
  });

  test('a failed fetch is tried again on the next call', async () => {
    const sts = fakeSts();
    const credentials = sharedCredentialCache(sts.fetch, sts.now);
    sts.failOnce();
    await expect(credentials()).rejects.toThrow('AssumeRole failed');
    expect((await credentials()).accessKeyId).toBe('ASIA1');
  });

  test('credentials without an expiry are kept', async () => {
    let fetched = 0;
    const credentials = sharedCredentialCache(async () => ({ accessKeyId: `AKIA${++fetched}`, secretAccessKey: 's' }));
    await credentials();
    await credentials();
    expect(fetched).toBe(1);
  });

  test('is marked memoized, so SDK clients use it without a cache of their own', () => {
    expect(sharedCredentialCache(async () => ({ accessKeyId: 'a', secretAccessKey: 's' })).memoized).toBe(true);
  });
});

test('roleArnIn keeps the partition of the caller', () => {
  expect(roleArnIn('111122223333', 'OrganizationAccountAccessRole', 'arn:aws-us-gov:sts::999988887777:assumed-role/R/s')).toBe(
    'arn:aws-us-gov:iam::111122223333:role/OrganizationAccountAccessRole',
  );
});
