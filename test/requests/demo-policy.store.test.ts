import { afterAll, beforeAll, expect, test } from 'vitest';
import { createConnectors } from '../../src/app.ts';
import { startSimulatedOrganisation, type RunningSimulation } from '../../src/demo/simulated-organisation.ts';
import { DEMO_REQUEST_POLICY_NAME, ensureDemoRequestPolicy } from '../../src/demo/request-policy.ts';
import { createRequestService, type RequestService } from '../../src/requests/index.ts';
import { syncConnector } from '../../src/sync/index.ts';
import { testConfig } from '../../harness/server.ts';
import { describeStore } from '../harness/store-test.ts';
import { ssoPeople } from './people.ts';

describeStore('the demo organisation ships a request policy a new user can try at once', (store) => {
  let sim: RunningSimulation;
  let requests: RequestService;
  const connectorId = () => sim.connectorId;
  beforeAll(async () => {
    // The demo as `rrcu start` makes it (its role with the setup page's policy, so OU paths are synced), synced once.
    const config = testConfig();
    sim = (await startSimulatedOrganisation(store(), config))!;
    const connectors = await createConnectors({ config, store: store(), simulation: sim });
    await syncConnector(store().db, connectors, await connectors.find(sim.connectorId), { actor: 'cli:test' });
    // Nothing here is approved: provisioning is never asked.
    const none = async () => { throw new Error('not asked in this test'); };
    requests = createRequestService({ db: store().db, provisioning: { requestGrant: none, requestRevoke: none } });
  }, 180_000);
  afterAll(async () => {
    await sim?.stop();
  });

  test('"Developer read-only": ReadOnlyAccess on the non-production accounts, everyone eligible, a person of the seed can ask and has an approver; created once', async () => {
    expect(await ensureDemoRequestPolicy({ requests }, connectorId())).toBe('created');
    expect(await ensureDemoRequestPolicy({ requests }, connectorId())).toBe('exists');
    const policy = await requests.getPolicy(DEMO_REQUEST_POLICY_NAME, connectorId());
    const preview = await requests.previewPolicy(policy.document);
    expect(preview.unresolved).toEqual([]);
    const [ro] = preview.requestable;
    expect(ro).toMatchObject({ kind: 'permission_set', permissionSetName: 'ReadOnlyAccess', sessionDuration: 'PT8H' });
    expect(ro?.kind === 'permission_set' && ro.accounts.length).toBeGreaterThan(0);
    expect(ro?.kind === 'permission_set' && ro.accounts.every((a) => !/production/i.test(a.ouPath ?? '') || /Workloads\/(Development|Staging)/.test(a.ouPath ?? ''))).toBe(true);
    const people = await ssoPeople(store().db, connectorId());
    expect(preview.eligible.count).toBe(people.length);
    // Someone with a manager asks for it on the first account: submitted, waiting for their manager.
    const account = ro!.kind === 'permission_set' ? ro!.accounts[0]! : undefined;
    const withManager = [];
    for (const p of people) {
      try {
        const { request } = await requests.submit({ entitlement: { kind: 'permission_set', permissionSet: 'ReadOnlyAccess', accounts: [account!.id] }, justification: 'trying it' }, { userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });
        withManager.push(request);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'NO_APPROVER') throw e;
      }
    }
    expect(withManager[0]).toMatchObject({ status: 'pending', policy: { name: DEMO_REQUEST_POLICY_NAME } });
    expect(withManager[0]!.steps[0]!.approvers.length).toBeGreaterThan(0);
  });
});
