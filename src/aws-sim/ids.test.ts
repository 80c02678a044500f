import { describe, expect, test } from 'vitest';
import { createIds, derivedIamId, hashHex, ssoReservedRoleName, ssoSamlProviderName } from './ids.ts';
import { createRng } from './random.ts';

describe('AWS-format ids', () => {
  const ids = createIds(createRng(42));

  test.each([
    ['account id', () => ids.accountId(), /^[1-9]\d{11}$/],
    ['IAM user id', () => ids.iamId('AIDA'), /^AIDA[A-Z2-7]{17}$/],
    ['access key id', () => ids.accessKeyId(), /^AKIA[A-Z2-7]{16}$/],
    ['secret access key', () => ids.secretAccessKey(), /^[A-Za-z0-9+/]{40}$/],
    ['organization id', () => ids.organizationId(), /^o-[a-z0-9]{10}$/],
    ['root id', () => ids.rootId(), /^r-[a-z0-9]{4}$/],
    ['OU id', () => ids.ouId('r-ab12'), /^ou-ab12-[a-z0-9]{8}$/],
    ['identity store id', () => ids.identityStoreId(), /^d-[0-9a-f]{10}$/],
    ['instance ARN', () => ids.instanceArn(), /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/],
    ['permission set ARN', () => ids.permissionSetArn('arn:aws:sso:::instance/ssoins-0123456789abcdef'), /^arn:aws:sso:::permissionSet\/ssoins-0123456789abcdef\/ps-[0-9a-f]{16}$/],
    ['UUID', () => ids.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
  ])('%s has AWS\'s format', (_name, make, pattern) => {
    for (let i = 0; i < 50; i++) expect(make()).toMatch(pattern);
  });

  test('names Identity Center gives its roles and SAML providers follow from their inputs alone', () => {
    const ps = { name: 'AdministratorAccess', arn: 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef' };
    expect(ssoReservedRoleName(ps, '111111111111')).toBe(ssoReservedRoleName({ ...ps }, '111111111111'));
    expect(ssoReservedRoleName(ps, '111111111111')).toMatch(/^AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$/);
    expect(ssoReservedRoleName(ps, '222222222222')).not.toBe(ssoReservedRoleName(ps, '111111111111'));
    expect(ssoReservedRoleName({ ...ps, name: 'x'.repeat(32) }, '1').length).toBeLessThanOrEqual(64);
    expect(ssoSamlProviderName('arn:aws:sso:::instance/ssoins-0123456789abcdef', '111111111111')).toMatch(/^AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$/);
    expect(derivedIamId('AROA', 'arn:x')).toBe(derivedIamId('AROA', 'arn:x'));
    expect(hashHex('a', 16)).not.toBe(hashHex('b', 16));
  });
});

describe('seeded generator', () => {
  test('the same seed gives the same sequence, and forks are independent of later draws', () => {
    const a = createRng(9);
    const b = createRng(9);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
    const x = createRng(5).fork('users');
    const y = createRng(5).fork('users');
    expect(x.chars('abc', 30)).toBe(y.chars('abc', 30));
  });

  test('int stays within its bounds and sample returns distinct items', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(new Set(rng.sample([1, 2, 3, 4, 5, 6], 4)).size).toBe(4);
    expect(rng.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});
