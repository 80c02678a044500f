import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp, createConnectors } from '../../src/app.ts';
import type { Config } from '../../src/config/index.ts';
import type { Store } from '../../src/store/index.ts';
import { ensureDemoReviewCampaign } from '../../src/demo/review-campaign.ts';
import { createReviewService } from '../../src/reviews/index.ts';
import { DEMO_CONNECTOR_NAME, startSimulatedOrganisation } from '../../src/demo/simulated-organisation.ts';
import { describeStore, freshStore } from '../harness/store-test.ts';
import { startTestServer, testConfig, type TestServer } from '../../harness/server.ts';
import { revokingWith } from '../reviews/provisioning-double.ts';

/** The connector service a door of this RRCU would use. */
const connectorsOf = (on: Store, config: Config = testConfig({ allowCustomEndpoints: false })) => createConnectors({ config, store: on });

describeStore('the simulated organisation of `rrcu start`', (store) => {
  test('starts with nothing connected, is reused (pointed at the new simulator) on the next start, and stays away once a real connector replaced it', async () => {
    // The demo's own simulator is allowed without RRCU_ALLOW_CUSTOM_ENDPOINTS, which stays off.
    const config = testConfig({ allowCustomEndpoints: false });
    const first = await startSimulatedOrganisation(store(), config);
    expect(first).toMatchObject({ created: true, scimSkipped: undefined });
    const [demo] = await (await connectorsOf(store())).list();
    expect(demo).toMatchObject({ id: first!.connectorId, name: DEMO_CONNECTOR_NAME, hasScimToken: true, config: { endpoint: first!.endpoint, organizations: true } });
    await first!.stop();

    const second = await startSimulatedOrganisation(store(), config);
    expect(second).toMatchObject({ created: false, connectorId: first!.connectorId });
    expect(second!.endpoint).not.toBe(first!.endpoint);
    expect((await (await connectorsOf(store())).list()).map((c) => [c.name, c.config.endpoint])).toEqual([[DEMO_CONNECTOR_NAME, second!.endpoint]]);
    await second!.stop();

    const connectors = await connectorsOf(store());
    await connectors.create({ kind: 'aws', name: 'Production', config: { roleArn: 'arn:aws:iam::123456789012:role/RRCU' } }, 'test');
    await connectors.archive(first!.connectorId, 'test');
    expect(await startSimulatedOrganisation(store(), config)).toBeUndefined();
  });

  test('never revives an archived simulated connector: with nothing live, a start makes a new one beside it', async () => {
    const own = await freshStore('pglite');
    try {
      const config = testConfig({ allowCustomEndpoints: false });
      const first = await startSimulatedOrganisation(own, config);
      await first!.stop();
      const connectors = await connectorsOf(own);
      await connectors.archive(first!.connectorId, 'test');

      const second = await startSimulatedOrganisation(own, config);
      await second!.stop();
      expect(second).toMatchObject({ created: true });
      expect(second!.connectorId).not.toBe(first!.connectorId);
      const archived = await connectors.find(first!.connectorId);
      expect(archived.archivedAt).not.toBeNull();
      expect(archived.config.endpoint).toBe(first!.endpoint);
      expect((await connectors.list()).map((c) => c.id)).toEqual([second!.connectorId]);
    } finally {
      await own.close();
    }
  });

  test("its RRCU role carries the policy RRCU's setup page generates: a sync reads the permission sets' policies and finds privileged ones", async () => {
    const own = await freshStore('pglite');
    const config = testConfig({ allowCustomEndpoints: false });
    const sim = await startSimulatedOrganisation(own, config);
    const app = await createApp({ config, store: own, simulation: sim, jobs: false });
    try {
      const { run } = await app.syncRunner.runNow(sim!.connectorId, 'test');
      expect(run.status).toBe('succeeded');
      // The guide's policy lacks sso:ListManagedPoliciesInPermissionSet and its kin: the sync would warn and mark nothing.
      expect(JSON.stringify(run.warnings)).not.toMatch(/PermissionSet/);
      const privileged = await app.access.answerAccess({ connectorId: sim!.connectorId, privileged: true });
      expect(privileged.length).toBeGreaterThan(0);
    } finally {
      await sim?.stop();
      await own.close();
    }
  });

  // The top of the manager tree, the fallback, holds some production access through groups: with nobody after it, those items launched as "Nobody eligible".
  test('its demo draft campaign launches with every item assigned to someone eligible', async () => {
    const own = await freshStore('pglite');
    const config = testConfig({ allowCustomEndpoints: false });
    const sim = await startSimulatedOrganisation(own, config);
    const app = await createApp({ config, store: own, simulation: sim, jobs: false });
    try {
      expect((await app.syncRunner.runNow(sim!.connectorId, 'test')).run.status).toBe('succeeded');
      // Launching asks provisioning for nothing: the app without jobs will do, with a review service of its own.
      const reviews = createReviewService({ db: own.db, provisioning: revokingWith(() => Promise.reject(new Error('not in this test'))) });
      const id = await ensureDemoReviewCampaign({ ...app, reviews }, sim!.connectorId, { signal: new AbortController().signal });
      expect((await reviews.preview({ campaignId: id! })).noEligibleReviewer).toBe(0);
      const launched = await reviews.launch(id!, { actor: 'cli:admin', personId: null });
      const items = await reviews.items(launched.id, {}, { limit: 1000 });
      expect(items.rows.length).toBeGreaterThan(0);
      expect(items.rows.filter((r) => r.noEligibleReviewer || r.reviewer === null).map((r) => r.key)).toEqual([]);
    } finally {
      await app.stop();
      await sim?.stop();
      await own.close();
    }
  });

  test('without a secret key it leaves SCIM out (the token could not be stored encrypted) and says why', async () => {
    const own = await freshStore('pglite');
    try {
      const { secretKey: _none, ...config } = testConfig();
      const sim = await startSimulatedOrganisation(own, config);
      expect(sim?.scimSkipped).toMatch(/RRCU_SECRET_KEY is not set/);
      const [demo] = await (await connectorsOf(own, config)).list();
      expect(demo?.hasScimToken).toBe(false);
      expect(demo?.config.scimEndpoint).toBeUndefined();
      await sim?.stop();
    } finally {
      await own.close();
    }
  });
});

describeStore('the simulated-organisation banner', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 3, accounts: 1, users: 3, groups: 1, permissionSets: 1 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('is on while the simulated connector is live and goes once it is removed (archived), without a restart', async () => {
    const methods = async () => (await t.server.inject({ method: 'GET', url: '/api/auth/methods' })).json<{ simulated: boolean }>();
    const me = async () => (await t.server.inject({ method: 'GET', url: '/api/me', headers: await t.as('auditor') })).json<{ simulation: unknown }>();
    expect(await methods()).toMatchObject({ simulated: true });
    expect(await me()).toMatchObject({ simulation: { endpoint: t.sim!.endpoint, connectorId: t.connector!.id } });
    const removed = await t.server.inject({ method: 'DELETE', url: `/api/connectors/${t.connector!.id}`, headers: await t.as('connector_admin') });
    expect(removed.statusCode).toBe(204);
    expect(await methods()).toMatchObject({ simulated: false });
    expect(await me()).toMatchObject({ simulation: null });
  });
});
