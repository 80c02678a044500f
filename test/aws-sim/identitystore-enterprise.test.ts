import { DescribeUserCommand, IdentitystoreClient, ListUsersCommand, paginateListUsers } from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type Simulator } from '../../src/aws-sim/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

const ENTERPRISE = 'aws:identitystore:enterprise';

describe('Identity Store enterprise extension over the SDK', () => {
  let sim: Simulator;
  let client: IdentitystoreClient;
  let IdentityStoreId: string;

  beforeAll(async () => {
    sim = await startTestSimulator({ seed: { seed: 5, users: 17, groups: 3 } });
    client = new IdentitystoreClient(asConnector(sim));
    IdentityStoreId = sim.world.state.identityCenter!.identityStoreId;
  });
  afterAll(async () => {
    client.destroy();
    await sim.stop();
  });

  test('ListUsers with Extensions returns each user\'s enterprise attributes and title, the manager by user id', async () => {
    const truth = exportGroundTruth(sim.world.state).identityCenter!.users;
    const seen = new Map<string, Record<string, unknown>>();
    const titles = new Map<string, string | undefined>();
    for await (const page of paginateListUsers({ client }, { IdentityStoreId, MaxResults: 5, Extensions: [ENTERPRISE] })) {
      for (const u of page.Users ?? []) {
        seen.set(u.UserId!, u.Extensions?.[ENTERPRISE] as Record<string, unknown>);
        titles.set(u.UserId!, u.Title);
      }
    }
    expect(seen.size).toBe(truth.length);
    for (const u of truth) {
      const { manager, ...rest } = u.enterprise!;
      expect(seen.get(u.userId)).toEqual({ ...rest, ...(manager ? { manager: { value: manager } } : {}) });
      expect(titles.get(u.userId)).toBe(u.title);
    }
  });

  test('without Extensions there are none; DescribeUser answers the same way (the guide\'s policy lacks it, so as an administrator)', async () => {
    const admin = new IdentitystoreClient(asAdmin(sim));
    const page = await client.send(new ListUsersCommand({ IdentityStoreId }));
    expect(page.Users?.every((u) => u.Extensions === undefined && u.Title !== undefined)).toBe(true);
    const userId = exportGroundTruth(sim.world.state).identityCenter!.users.find((u) => u.enterprise?.manager)!.userId;
    expect((await admin.send(new DescribeUserCommand({ IdentityStoreId, UserId: userId }))).Extensions).toBeUndefined();
    const described = await admin.send(new DescribeUserCommand({ IdentityStoreId, UserId: userId, Extensions: [ENTERPRISE] }));
    expect(described.Extensions?.[ENTERPRISE]).toMatchObject({ manager: { value: expect.any(String) }, department: expect.any(String) });
    admin.destroy();
  });

  test('an extension other than the enterprise one is refused with ValidationException', async () => {
    await expect(client.send(new ListUsersCommand({ IdentityStoreId, Extensions: ['aws:identitystore:other'] })))
      .rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(client.send(new ListUsersCommand({ IdentityStoreId, Extensions: ['enterprise'] })))
      .rejects.toMatchObject({ name: 'ValidationException' });
  });
});
