import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../core/errors.ts';
import { parseAwsConfig, readStoredConfig } from './validation.ts';

const VALID = { roleArn: 'arn:aws:iam::123456789012:role/RRCU', externalId: 'abcdefghijklmnop', organizations: true, identityCenterRegion: 'eu-west-1', region: 'us-east-1' };

describe('readStoredConfig: a saved config read leniently, with what today\'s rules refuse', () => {
  test('a valid config reads as saving it would, with no problem', () => {
    expect(readStoredConfig({ ...VALID, roleArn: ` ${VALID.roleArn} ` })).toEqual({ config: parseAwsConfig(VALID), problems: [] });
    expect(readStoredConfig({ externalId: 'xy' }).config).toEqual({ externalId: 'xy', organizations: false, region: 'us-east-1' });
  });

  test.each([
    ['a value today\'s rule refuses keeps its saved string', { ...VALID, region: 'us-east-1a' }, { region: 'us-east-1a' }, [], [{ field: 'config.region', message: 'must be an AWS region such as us-east-1 (saved: "us-east-1a")' }]],
    ['a value of the wrong type is left out', { ...VALID, organizations: 'yes' }, {}, ['organizations'], [{ field: 'config.organizations', message: 'Invalid input: expected boolean, received string (saved: "yes")' }]],
    ['a required setting saved under another name is missing', { roleArn: VALID.roleArn, external_id: 'abc' }, { roleArn: VALID.roleArn }, ['externalId', 'external_id'], [{ field: 'config.externalId', message: 'is missing' }]],
    [
      'a rule across settings names the field it refuses',
      { ...VALID, organizations: false, crossAccountRoleName: 'Audit' },
      { crossAccountRoleName: 'Audit' },
      [],
      [{ field: 'config.crossAccountRoleName', message: expect.stringContaining('Cross-account IAM needs Organizations support') }],
    ],
  ])('%s', (_name, saved, read, absent, problems) => {
    const { config, problems: found } = readStoredConfig(saved);
    expect(config).toMatchObject(read);
    for (const key of absent) expect(config).not.toHaveProperty(key);
    expect(found).toEqual(problems);
  });

  test('what is not an object reads as nothing, every required setting missing', () => {
    expect(readStoredConfig(null).problems).toEqual([{ field: 'config.externalId', message: 'is missing' }]);
    expect(readStoredConfig(['x']).problems).toEqual([{ field: 'config.externalId', message: 'is missing' }]);
  });

  test('saving still refuses what reading only reports (strict on write)', () => {
    expect(() => parseAwsConfig({ ...VALID, region: 'us-east-1a' })).toThrow(expect.objectContaining({ code: 'INVALID_CONNECTOR_CONFIG' }));
    try {
      parseAwsConfig({ ...VALID, organizations: false, crossAccountRoleName: 'Audit' });
      expect.unreachable();
    } catch (e) {
      expect(isRrcuError(e, 'INVALID_CONNECTOR_CONFIG')).toBe(true);
    }
  });
});
