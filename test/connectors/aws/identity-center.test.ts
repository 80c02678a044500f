import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth } from '../../../src/aws-sim/ground-truth.ts';
import { findIdentityCenterInstance } from '../../../src/connectors/aws/identity-center.ts';
import { isRrcuError, type RrcuError } from '../../../src/core/errors.ts';
import { simSession, type SimSession } from './sim-session.ts';
import { recordingContext } from './identity-center-harness.ts';

async function failureOf(promise: Promise<unknown>): Promise<RrcuError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isRrcuError(error)) throw new Error(`expected an RrcuError, got ${String(error)}`);
  return error;
}

describe('findIdentityCenterInstance', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 11, accounts: 2, users: 3, groups: 1 });
  });
  afterAll(() => world.close());

  test('finds the instance of the configured region, with its identity store', async () => {
    const truth = exportGroundTruth(world.sim.world.state).identityCenter!;
    const instance = await findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx });
    expect(instance).toEqual({ instanceArn: truth.instanceArn, identityStoreId: truth.identityStoreId, region: truth.region });
    expect(world.session.apiCalls()['sso:ListInstances']).toBe(1);
  });
});

describe('Identity Center missing from the configured region', () => {
  const cases = [
    { name: 'enabled in another region', identityCenterRegion: 'eu-west-1' },
    { name: 'not enabled at all', identityCenterRegion: null },
  ];
  test.each(cases)('when $name, the error names the region and says how to fix it', async ({ identityCenterRegion }) => {
    const world = await simSession({ seed: 12, accounts: 1, users: 2, groups: 1, identityCenterRegion }, { identityCenterRegion: 'us-east-1' });
    try {
      const error = await failureOf(findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx }));
      expect(error.code).toBe('IDENTITY_CENTER_NOT_ENABLED');
      expect(error.message).toContain('us-east-1');
      expect(error.fix).toMatch(/region/);
    } finally {
      await world.close();
    }
  });

  test('without an Identity Center region configured, the syncers say so instead of calling AWS', async () => {
    const world = await simSession({ seed: 13, accounts: 1, users: 2, groups: 1 }, { identityCenterRegion: undefined });
    try {
      const error = await failureOf(findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx }));
      expect(error.code).toBe('IDENTITY_CENTER_NOT_CONFIGURED');
      expect(error.fix).toContain('identityCenterRegion');
    } finally {
      await world.close();
    }
  });
});
