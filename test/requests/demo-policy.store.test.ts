import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createConnectors } from '../../src/app.ts';
import { startSimulatedOrganisation, type RunningSimulation } from '../../src/demo/simulated-organisation.ts';
import { DEMO_REQUEST_POLICY_NAME, ensureDemoRequestPolicy } from '../../src/demo/request-policy.ts';
import { createRequestService, type RequestPolicyInput, type RequestService } from '../../src/requests/index.ts';
import { eligibility } from '../../src/requests/core/evaluate.ts';
import { requestPolicyDocumentSchema } from '../../src/requests/core/policy.ts';
import { requesterOf, type PersonRow } from '../../src/requests/resolve.ts';
import { queryRows } from '../../src/store/index.ts';
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
    requests = createRequestService({ db: store().db, provisioning: { requestGrant: none, requestRevokes: none } });
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

  test('the preview\'s eligible people are those the per-person rule finds, for the demo policy and a policy of each eligibility criterion', async () => {
    const db = store().db;
    // The per-person rule, as the preview judged before: each person with a user on the connector, their facts read one by one.
    const people = await queryRows<PersonRow>(db, sql`
      select distinct p.id, p.display_name, p.email, p.attributes, p.manager_id from people p
      join resources u on u.person_id = p.id and u.connector_id = ${connectorId()} and u.resource_type_id = 'sso_user' and u.seen_to is null
      order by p.display_name, p.id`);
    const oneByOne = async (input: RequestPolicyInput) => {
      const doc = requestPolicyDocumentSchema.parse(input);
      const out = [];
      for (const p of people) if (eligibility(doc, await requesterOf(db, connectorId(), p)).eligible) out.push({ personId: p.id, displayName: p.display_name, email: p.email });
      return out;
    };
    // Criteria drawn from the organisation: a group (by name in another case, and one by id), named people (one in capitals, one unknown), an attribute's value.
    const groups = await queryRows<{ id: string; name: string }>(db, sql`
      select external_id as id, display_name as name from resources where connector_id = ${connectorId()} and resource_type_id = 'sso_group' and seen_to is null order by display_name limit 2`);
    const named = people.filter((p) => p.email !== null);
    const department = people.map((p) => p.attributes.department).find((d): d is string => typeof d === 'string');
    expect(groups.length).toBe(2);
    expect(department).toBeDefined();
    const demo = (await requests.getPolicy(DEMO_REQUEST_POLICY_NAME, connectorId())).document;
    const withEligibility = (name: string, e: RequestPolicyInput['eligibility']): RequestPolicyInput => ({ ...demo, name, eligibility: e });
    const policies: RequestPolicyInput[] = [
      demo,
      withEligibility('everyone', { everyone: true }),
      withEligibility('groups', { ssoGroups: [groups[0]!.name.toUpperCase(), groups[1]!.id] }),
      withEligibility('people', { people: [named[0]!.email!.toUpperCase(), named[5]!.email!, 'nobody@example.invalid'] }),
      withEligibility('attribute', { attributes: [{ attribute: 'Department', equals: [department!.toLowerCase()] }] }),
      withEligibility('mixed', { ssoGroups: [groups[1]!.name], people: [named[2]!.email!], attributes: [{ attribute: 'department', equals: [department!] }] }),
      withEligibility('nobody', {}),
    ];
    const counts: number[] = [];
    for (const policy of policies) {
      const expected = await oneByOne(policy);
      const preview = await requests.previewPolicy(policy);
      expect(preview.eligible.count, policy.name).toBe(expected.length);
      expect(preview.eligible.people, policy.name).toEqual(expected.slice(0, 100));
      counts.push(expected.length);
    }
    // Each criterion picked some people and left others out: the comparison would catch a rule that over- or under-includes.
    expect(counts.slice(2, 6).every((n) => n > 0 && n < people.length)).toBe(true);
    expect(counts[6]).toBe(0);
  });
});
