import { describe, expect, test } from 'vitest';
import type { RequestedEntitlement } from './entitlement.ts';
import {
  applicablePolicy, approversOf, autoApproval, checkBreakGlass, checkJustification, checkTicket, clampDuration, compareRestrictiveness, covers, eligibility, submittable,
  type ApproverFacts, type Person,
} from './evaluate.ts';
import { onAccount, policy, PS_ADMIN, PS_READONLY, requester, stored } from './test-policies.ts';

const ssoAdmins: RequestedEntitlement = { kind: 'sso_group', groupId: 'g-admins', groupName: 'Admins' };
const iamDeployers = (account = { id: '222233334444', name: 'tools' }): RequestedEntitlement => ({
  kind: 'iam_group', groupArn: `arn:aws:iam::${account.id}:group/Deployers`, groupName: 'Deployers', account,
});

describe('covers: what a policy makes requestable', () => {
  test('a permission set by name, case-insensitively, or by its ARN exactly', () => {
    expect(covers(policy({ requestable: [{ kind: 'permission_set', permissionSet: 'administratoraccess' }] }), onAccount('AdministratorAccess'))).toBe(true);
    expect(covers(policy({ requestable: [{ kind: 'permission_set', permissionSet: PS_ADMIN }] }), onAccount('AdministratorAccess'))).toBe(true);
    expect(covers(policy({ requestable: [{ kind: 'permission_set', permissionSet: PS_ADMIN.toUpperCase() }] }), onAccount('AdministratorAccess'))).toBe(false);
    expect(covers(policy(), onAccount('ReadOnlyAccess'))).toBe(false);
  });

  test('accounts: every one by default; a list by id or name (case-insensitive)', () => {
    const listed = policy({ requestable: [{ kind: 'permission_set', permissionSet: 'AdministratorAccess', accounts: ['111122223333', 'Payments-Dev'] }] });
    expect(covers(policy(), onAccount('AdministratorAccess', { id: '999999999999', name: 'anything' }))).toBe(true);
    expect(covers(listed, onAccount('AdministratorAccess'))).toBe(true);
    expect(covers(listed, onAccount('AdministratorAccess', { id: '444455556666', name: 'payments-dev' }))).toBe(true);
    expect(covers(listed, onAccount('AdministratorAccess', { id: '777788889999', name: 'payments-staging' }))).toBe(false);
  });

  test('ouPaths narrow `*` to the accounts under them, on whole names, case-insensitively; an account whose path was not synced is out', () => {
    const underDev = policy({ requestable: [{ kind: 'permission_set', permissionSet: 'AdministratorAccess', ouPaths: ['Root/Workloads/Dev/'] }] });
    expect(covers(underDev, onAccount('AdministratorAccess', { ouPath: 'Root/Workloads/Dev' }))).toBe(true);
    expect(covers(underDev, onAccount('AdministratorAccess', { ouPath: 'root/workloads/dev/Team-A' }))).toBe(true);
    expect(covers(underDev, onAccount('AdministratorAccess', { ouPath: 'Root/Workloads/DevArchive' }))).toBe(false);
    expect(covers(underDev, onAccount('AdministratorAccess', { ouPath: 'Root/Workloads/Prod' }))).toBe(false);
    expect(covers(underDev, onAccount('AdministratorAccess', { ouPath: null }))).toBe(false);
  });

  test('ouPaths and a list of accounts add up: listed accounts and accounts under the paths', () => {
    const both = policy({ requestable: [{ kind: 'permission_set', permissionSet: 'AdministratorAccess', accounts: ['payments-prod'], ouPaths: ['Root/Sandbox'] }] });
    expect(covers(both, onAccount('AdministratorAccess'))).toBe(true);
    expect(covers(both, onAccount('AdministratorAccess', { id: '555566667777', name: 'sandbox-1', ouPath: 'Root/Sandbox' }))).toBe(true);
    expect(covers(both, onAccount('AdministratorAccess', { id: '555566668888', name: 'other', ouPath: 'Root/Other' }))).toBe(false);
  });

  test('an Identity Center group by name or id; an IAM group by name or ARN, in its account when one is named', () => {
    expect(covers(policy({ requestable: [{ kind: 'sso_group', group: 'ADMINS' }] }), ssoAdmins)).toBe(true);
    expect(covers(policy({ requestable: [{ kind: 'sso_group', group: 'g-admins' }] }), ssoAdmins)).toBe(true);
    expect(covers(policy({ requestable: [{ kind: 'sso_group', group: 'Operators' }] }), ssoAdmins)).toBe(false);
    expect(covers(policy({ requestable: [{ kind: 'iam_group', group: 'deployers' }] }), iamDeployers())).toBe(true);
    expect(covers(policy({ requestable: [{ kind: 'iam_group', group: 'arn:aws:iam::222233334444:group/Deployers' }] }), iamDeployers())).toBe(true);
    const inTools = policy({ requestable: [{ kind: 'iam_group', group: 'Deployers', account: 'Tools' }] });
    expect(covers(inTools, iamDeployers())).toBe(true);
    expect(covers(inTools, iamDeployers({ id: '333344445555', name: 'payments-prod' }))).toBe(false);
  });

  test('a kind covers only its own kind: a group named like a permission set is not it', () => {
    expect(covers(policy({ requestable: [{ kind: 'sso_group', group: 'AdministratorAccess' }] }), onAccount('AdministratorAccess'))).toBe(false);
    expect(covers(policy(), ssoAdmins)).toBe(false);
  });
});

describe('eligibility: who may request', () => {
  const only = (eligibilityLines: NonNullable<Parameters<typeof policy>[0]>['eligibility']) => policy({ eligibility: eligibilityLines });

  test('everyone', () => {
    expect(eligibility(policy(), requester())).toEqual({ eligible: true, because: 'everyone may request under this policy' });
  });

  test('members of an Identity Center group as last synced, the group by name (case-insensitive) or id', () => {
    expect(eligibility(only({ ssoGroups: ['engineers'] }), requester())).toEqual({ eligible: true, because: 'you are a member of Identity Center group Engineers' });
    expect(eligibility(only({ ssoGroups: ['g-eng'] }), requester()).eligible).toBe(true);
    expect(eligibility(only({ ssoGroups: ['Operators'] }), requester()).eligible).toBe(false);
  });

  test('people named by email, case-insensitively; a requester with no email matches no name', () => {
    expect(eligibility(only({ people: ['ANA@example.com'] }), requester())).toEqual({ eligible: true, because: 'you are named in the policy (ana@example.com)' });
    expect(eligibility(only({ people: ['ana@example.com'] }), requester({ email: null })).eligible).toBe(false);
  });

  test('an enterprise attribute, names and values case-insensitive', () => {
    expect(eligibility(only({ attributes: [{ attribute: 'Department', equals: ['platform', 'engineering'] }] }), requester())).toEqual({
      eligible: true, because: 'your department is Engineering',
    });
    expect(eligibility(only({ attributes: [{ attribute: 'title', equals: ['Staff Engineer'] }] }), requester()).eligible).toBe(false);
    expect(eligibility(only({ attributes: [{ attribute: 'costCenter', equals: ['CC-1'] }] }), requester()).eligible).toBe(false);
  });

  test('not eligible says what would make one eligible', () => {
    const result = eligibility(only({ ssoGroups: ['Operators'], people: ['bob@example.com'], attributes: [{ attribute: 'department', equals: ['Security'] }] }), requester());
    expect(result).toEqual({
      eligible: false,
      because: 'this policy is for members of Identity Center group Operators, 1 named person, or people whose department is Security',
    });
  });
});

describe('compareRestrictiveness: most restrictive first', () => {
  const sorted = (...docs: ReturnType<typeof policy>[]) => [...docs].sort((a, b) => compareRestrictiveness(a, b)).map((d) => d.name);

  test('a policy without auto-approval is stricter than one with it', () => {
    const auto = policy({ name: 'A auto', autoApproval: [{ permissionSets: ['AdministratorAccess'] }] });
    const manual = policy({ name: 'Z manual', maxDurationMinutes: 480 });
    expect(sorted(auto, manual)).toEqual(['Z manual', 'A auto']);
  });

  test('then more approvals in total, then a shorter maximum duration', () => {
    const two = policy({ name: 'two', approvalSteps: [{ approvers: [{ kind: 'manager' }] }, { approvers: [{ kind: 'owner' }] }], maxDurationMinutes: 480 });
    const one = policy({ name: 'one', maxDurationMinutes: 30, defaultDurationMinutes: 30 });
    const oneLong = policy({ name: 'one long', maxDurationMinutes: 600 });
    expect(sorted(oneLong, one, two)).toEqual(['two', 'one', 'one long']);
  });

  test('then a required ticket, a required justification, no break-glass; then the name', () => {
    const ticket = policy({ name: 'ticket', ticket: { required: true } });
    const plain = policy({ name: 'plain' });
    const noJustification = policy({ name: 'no justification', justificationRequired: false });
    const breakGlass = policy({ name: 'break-glass', breakGlass: { allowed: true } });
    expect(sorted(noJustification, plain, ticket)).toEqual(['ticket', 'plain', 'no justification']);
    expect(sorted(breakGlass, plain)).toEqual(['plain', 'break-glass']);
    // Justification comes before break-glass: one that requires it and allows break-glass is still the stricter.
    expect(sorted(noJustification, breakGlass)).toEqual(['break-glass', 'no justification']);
    expect(sorted(policy({ name: 'b' }), policy({ name: 'A' }))).toEqual(['A', 'b']);
  });

  test('for one entitlement, only auto-approval rules that could approve it count', () => {
    const autoForReadOnly = policy({ name: 'A', autoApproval: [{ permissionSets: ['ReadOnlyAccess'] }], maxDurationMinutes: 600 });
    const manual = policy({ name: 'B', maxDurationMinutes: 60 });
    expect(compareRestrictiveness(autoForReadOnly, manual, onAccount('AdministratorAccess'))).toBeGreaterThan(0);
    expect(compareRestrictiveness(autoForReadOnly, manual)).toBeGreaterThan(0);
    const autoForTag = policy({ name: 'A', autoApproval: [{ accountTags: { Environment: ['dev'] } }], maxDurationMinutes: 600 });
    // On a production account the tag rule can never approve: A is judged as a manual policy, with two approvals' worth of nothing more but a longer duration.
    expect(compareRestrictiveness(autoForTag, manual, onAccount('AdministratorAccess'))).toBeGreaterThan(0);
    const autoForTagTwoApprovals = policy({ name: 'A', autoApproval: [{ accountTags: { Environment: ['dev'] } }], approvalSteps: [{ approvers: [{ kind: 'owner' }], approvals: 2 }] });
    expect(compareRestrictiveness(autoForTagTwoApprovals, manual, onAccount('AdministratorAccess'))).toBeLessThan(0);
    expect(compareRestrictiveness(autoForTagTwoApprovals, manual, onAccount('AdministratorAccess', { tags: { Environment: 'dev' } }))).toBeGreaterThan(0);
  });
});

describe('applicablePolicy: the policy that applies, and why', () => {
  const engineersOnly = policy({ name: 'Engineers admin', eligibility: { ssoGroups: ['Engineers'] }, approvalSteps: [{ approvers: [{ kind: 'manager' }] }, { approvers: [{ kind: 'owner' }] }] });
  const everyone = policy({ name: 'Everyone admin', maxDurationMinutes: 60 });
  const securityOnly = policy({ name: 'Security admin', eligibility: { ssoGroups: ['Security'] }, approvalSteps: [{ approvers: [{ kind: 'owner' }], approvals: 3 }] });

  test('no policy covers it', () => {
    expect(applicablePolicy([stored(everyone)], requester(), onAccount('ReadOnlyAccess'))).toEqual({
      ok: false, reason: 'no_policy', message: 'No request policy makes ReadOnlyAccess on payments-prod requestable.',
    });
  });

  test('covered, but not for this requester: the message names the policies and who they are for', () => {
    const result = applicablePolicy([stored(securityOnly)], requester(), onAccount('AdministratorAccess'));
    expect(result).toEqual({
      ok: false, reason: 'not_eligible',
      message: 'AdministratorAccess on payments-prod is requestable under policy "Security admin", but not by you: it is for members of Identity Center group Security.',
    });
  });

  test('the most restrictive of the policies the requester is eligible for applies, and the others are listed', () => {
    const result = applicablePolicy([stored(everyone), stored(securityOnly), stored(engineersOnly)], requester(), onAccount('AdministratorAccess'));
    if (!result.ok) throw new Error(result.message);
    expect(result.applies.document.name).toBe('Engineers admin');
    expect(result.alsoCovering.map((p) => p.document.name)).toEqual(['Everyone admin']);
    expect(result.why).toBe(
      'Policy "Engineers admin" applies: you are a member of Identity Center group Engineers. ' +
      '1 other policy also covers AdministratorAccess on payments-prod for you ("Everyone admin"); where several do, the most restrictive applies: this one needs 2 approvals, "Everyone admin" 1.',
    );
  });

  test('two policies the requester is not eligible for: each says who it is for', () => {
    const result = applicablePolicy([stored(securityOnly), stored(policy({ name: 'Named', eligibility: { people: ['bob@example.com', 'eve@example.com'] } }))], requester(), onAccount('AdministratorAccess'));
    expect(result).toMatchObject({
      ok: false, reason: 'not_eligible',
      message: 'AdministratorAccess on payments-prod is requestable under policies "Security admin", "Named", but not by you: "Security admin" is for members of Identity Center group Security; "Named" is for 2 named people.',
    });
  });

  test('why names the duration when that is what makes one stricter', () => {
    const short = policy({ name: 'Short', maxDurationMinutes: 90, defaultDurationMinutes: 30 });
    const long = policy({ name: 'Long', maxDurationMinutes: 60 * 24 * 2 });
    const result = applicablePolicy([stored(long), stored(short)], requester(), onAccount('AdministratorAccess'));
    expect(result).toMatchObject({ ok: true, why: expect.stringContaining('this one allows at most 90 minutes, "Long" 2 days.') });
  });

  test('one policy: why says only that it applies', () => {
    const result = applicablePolicy([stored(everyone)], requester(), onAccount('AdministratorAccess'));
    expect(result).toMatchObject({ ok: true, alsoCovering: [], why: 'Policy "Everyone admin" applies: everyone may request under this policy.' });
  });
});

describe('approversOf: who may approve a step', () => {
  const person = (id: string): Person => ({ personId: id, displayName: id.replace('p-', ''), email: `${id.replace('p-', '')}@example.com` });
  const facts = (over: Partial<ApproverFacts> = {}): ApproverFacts => ({
    people: new Map([['bob@example.com', person('p-bob')], ['ana@example.com', person('p-ana')]]),
    roleMembers: new Map([['connector_admin', [person('p-ana'), person('p-carol')]], ['super_admin', [person('p-sam')]]]),
    ssoGroupMembers: new Map([['platform leads', [person('p-dan'), person('p-bob')]], ['g-leads', [person('p-dan'), person('p-bob')]]]),
    owners: [person('p-olga')],
    manager: person('p-manny'),
    ...over,
  });
  const step = (approvers: NonNullable<Parameters<typeof policy>[0]>['approvalSteps']) => policy({ approvalSteps: approvers }).approvalSteps[0]!;

  test('every source in order, each person once, the requester never — whatever role they have', () => {
    const all = step([{ approvers: [{ kind: 'people', emails: ['BOB@example.com', 'nobody@example.com'] }, { kind: 'rrcu_role', role: 'connector_admin' }, { kind: 'sso_group', group: 'Platform Leads' }, { kind: 'owner' }, { kind: 'manager' }] }]);
    expect(approversOf(all, facts(), 'p-ana').map((p) => p.personId)).toEqual(['p-bob', 'p-carol', 'p-dan', 'p-olga', 'p-manny']);
  });

  test('owners read from the owner tag approve only where the step says includeTagOwners: anyone who may tag a resource could name themselves its approver', () => {
    const withTag = facts({ tagOwners: [person('p-tina'), person('p-olga')] });
    expect(approversOf(step([{ approvers: [{ kind: 'owner' }] }]), withTag, 'p-ana').map((p) => p.personId)).toEqual(['p-olga']);
    expect(approversOf(step([{ approvers: [{ kind: 'owner', includeTagOwners: true }] }]), withTag, 'p-ana').map((p) => p.personId)).toEqual(['p-olga', 'p-tina']);
  });

  test('a role is that role only; the requester as owner or manager is left out', () => {
    expect(approversOf(step([{ approvers: [{ kind: 'rrcu_role', role: 'super_admin' }] }]), facts(), 'p-ana').map((p) => p.personId)).toEqual(['p-sam']);
    expect(approversOf(step([{ approvers: [{ kind: 'owner' }, { kind: 'manager' }] }]), facts({ owners: [person('p-ana')], manager: null }), 'p-ana')).toEqual([]);
  });
});

describe('submittable: nobody approves their own request', () => {
  const bob: Person = { personId: 'p-bob', displayName: 'Bob', email: 'bob@example.com' };
  const carol: Person = { personId: 'p-carol', displayName: 'Carol', email: null };
  const ana: Person = { personId: 'p-ana', displayName: 'Ana', email: 'ana@example.com' };
  const owners = policy({ name: 'Owners approve', approvalSteps: [{ approvers: [{ kind: 'owner' }] }] });

  test('one approver other than the requester is enough for one approval', () => {
    expect(submittable(owners, [[bob]], 'p-ana')).toEqual({ ok: true });
  });

  test('a request whose only possible approver is the requester cannot be submitted, and says why', () => {
    expect(submittable(owners, [[ana]], 'p-ana')).toEqual({
      ok: false, step: 1,
      message: 'Policy "Owners approve" cannot approve this request: the only possible approver of step 1 (the resource\'s owner) is you, and nobody approves their own request. Ask an administrator to add an approver to the policy.',
    });
    expect(submittable(owners, [[]], 'p-ana')).toEqual({
      ok: false, step: 1,
      message: 'Policy "Owners approve" cannot approve this request: step 1 (the resource\'s owner) has no possible approver other than you, and nobody approves their own request. Ask an administrator to add an approver to the policy.',
    });
  });

  test('a step needing two approvals needs two people besides the requester', () => {
    const two = policy({ name: 'Two', approvalSteps: [{ approvers: [{ kind: 'rrcu_role', role: 'connector_admin' }], approvals: 2 }] });
    expect(submittable(two, [[bob, ana]], 'p-ana')).toMatchObject({ ok: false, step: 1, message: expect.stringContaining('step 1 (members of RRCU role connector_admin) needs 2 approvers other than you; 1 is possible (Bob)') });
    expect(submittable(two, [[bob, carol, ana]], 'p-ana')).toEqual({ ok: true });
  });

  test('steps need different people: one person cannot approve two steps', () => {
    const twoSteps = policy({ name: 'Two steps', approvalSteps: [{ approvers: [{ kind: 'manager' }] }, { approvers: [{ kind: 'owner' }] }] });
    expect(submittable(twoSteps, [[bob], [bob]], 'p-ana')).toMatchObject({ ok: false, step: 2, message: expect.stringContaining('steps 1 and 2 need 2 different approvers other than you; only 1 is possible (Bob)') });
    // Carol takes step 1, so Bob is free for step 2.
    expect(submittable(twoSteps, [[bob, carol], [bob]], 'p-ana')).toEqual({ ok: true });
  });

  test('steps that are not next to each other may compete for the same person', () => {
    const dan: Person = { personId: 'p-dan', displayName: 'Dan', email: null };
    const three = policy({ name: 'Three', approvalSteps: [{ approvers: [{ kind: 'manager' }] }, { approvers: [{ kind: 'owner' }] }, { approvers: [{ kind: 'rrcu_role', role: 'super_admin' }] }] });
    expect(submittable(three, [[bob], [carol, dan], [bob, ana]], 'p-ana')).toMatchObject({ ok: false, step: 3, message: expect.stringContaining('steps 1 and 3 need 2 different approvers') });
    expect(submittable(three, [[bob], [carol, dan], [bob, dan]], 'p-ana')).toEqual({ ok: true });
  });

  test('a policy with no approval step (auto-approved) is submittable', () => {
    const auto = policy({ approvalSteps: [], autoApproval: [{}] });
    expect(submittable(auto, [], 'p-ana')).toEqual({ ok: true });
  });
});

describe('autoApproval: rules, and windows in their time zone', () => {
  const readOnlyNonProd = policy({
    name: 'Read-only',
    requestable: [{ kind: 'permission_set', permissionSet: 'ReadOnlyAccess' }],
    autoApproval: [{ permissionSets: ['readonlyaccess'], accountTags: { Environment: ['dev', 'staging'] }, window: { timeZone: 'Europe/Berlin', from: '08:00', to: '18:00' } }],
  });
  const dev = onAccount('ReadOnlyAccess', { name: 'payments-dev', tags: { Environment: 'dev' } });
  // Tuesday 2026-12-08 09:30 UTC is 10:30 in Berlin (CET, UTC+1).
  const tuesdayMorning = new Date('2026-12-08T09:30:00Z');

  test('every condition holds: approved, and why says which rule and each condition', () => {
    expect(autoApproval(readOnlyNonProd, dev, tuesdayMorning)).toEqual({
      rule: 0,
      why: 'auto-approval rule 1: ReadOnlyAccess is one of its permission sets; account payments-dev has Environment=dev; Tue 10:30 in Europe/Berlin is within Mon–Fri 08:00–18:00',
    });
  });

  test('one condition fails: not approved', () => {
    expect(autoApproval(readOnlyNonProd, onAccount('ReadOnlyAccess'), tuesdayMorning)).toBeNull();
    expect(autoApproval(readOnlyNonProd, onAccount('AdministratorAccess', { name: 'payments-dev', tags: { Environment: 'dev' } }), tuesdayMorning)).toBeNull();
    // 17:30 UTC is 18:30 in Berlin: outside, though inside 08:00–18:00 UTC.
    expect(autoApproval(readOnlyNonProd, dev, new Date('2026-12-08T17:30:00Z'))).toBeNull();
    // Saturday.
    expect(autoApproval(readOnlyNonProd, dev, new Date('2026-12-12T09:30:00Z'))).toBeNull();
  });

  test('tag keys and values match exactly, as AWS compares them', () => {
    expect(autoApproval(readOnlyNonProd, onAccount('ReadOnlyAccess', { tags: { environment: 'dev' } }), tuesdayMorning)).toBeNull();
    expect(autoApproval(readOnlyNonProd, onAccount('ReadOnlyAccess', { tags: { Environment: 'Dev' } }), tuesdayMorning)).toBeNull();
  });

  test('the first rule that approves is named; a permission set ARN names it too', () => {
    const two = policy({ autoApproval: [{ permissionSets: ['ViewOnly'] }, { permissionSets: [PS_READONLY] }] });
    expect(autoApproval(two, dev, tuesdayMorning)).toMatchObject({ rule: 1 });
  });

  test('a rule with no condition approves every request; a group is no permission set', () => {
    const groups = policy({ requestable: [{ kind: 'sso_group', group: 'Admins' }], autoApproval: [{ permissionSets: ['ReadOnlyAccess'] }, {}] });
    expect(autoApproval(groups, ssoAdmins, tuesdayMorning)).toEqual({ rule: 1, why: 'auto-approval rule 2: it approves every request of this policy' });
    expect(autoApproval(policy({ autoApproval: [{ accountTags: { Environment: ['dev'] } }] }), iamDeployers(), tuesdayMorning)).toBeNull();
  });

  test('no rule: null', () => {
    expect(autoApproval(policy(), dev, tuesdayMorning)).toBeNull();
  });
});

describe('clampDuration: the policy\'s maximum holds', () => {
  const p = policy({ maxDurationMinutes: 240, defaultDurationMinutes: 60, breakGlass: { allowed: true, maxDurationMinutes: 30 } });

  test('the default when none is asked; what is asked when within the maximum', () => {
    expect(clampDuration(p, undefined, false)).toEqual({ minutes: 60, clamped: false });
    expect(clampDuration(p, 120, false)).toEqual({ minutes: 120, clamped: false });
  });

  test('longer than the maximum: the maximum, said so', () => {
    expect(clampDuration(p, 600, false)).toEqual({ minutes: 240, clamped: true });
  });

  test('break-glass: its own maximum, which also cuts the default', () => {
    expect(clampDuration(p, undefined, true)).toEqual({ minutes: 30, clamped: true });
    expect(clampDuration(p, 15, true)).toEqual({ minutes: 15, clamped: false });
    expect(clampDuration(policy({ breakGlass: { allowed: true } }), 1000, true)).toEqual({ minutes: 240, clamped: true });
  });

  test('less than 5 minutes or a fraction: raised to whole minutes, at least 5', () => {
    expect(clampDuration(p, 1, false)).toEqual({ minutes: 5, clamped: true });
    expect(clampDuration(p, 10.2, false)).toEqual({ minutes: 11, clamped: true });
  });
});

describe('checkTicket and checkJustification', () => {
  const ticketed = policy({ name: 'Ops', ticket: { required: true, pattern: '(OPS|SEC)-\\d+' } });

  test('a required ticket must be given, and match the whole pattern', () => {
    expect(checkTicket(ticketed, 'OPS-42')).toEqual({ ok: true });
    expect(checkTicket(ticketed, '  ')).toEqual({ ok: false, message: 'Policy "Ops" requires a ticket reference matching (OPS|SEC)-\\d+.' });
    expect(checkTicket(ticketed, 'see OPS-42')).toEqual({ ok: false, message: 'Ticket reference "see OPS-42" does not match (OPS|SEC)-\\d+, which policy "Ops" requires.' });
  });

  test('not required: none is fine, one given must still match a pattern', () => {
    const optional = policy({ name: 'Opt', ticket: { required: false, pattern: 'OPS-\\d+' } });
    expect(checkTicket(optional, undefined)).toEqual({ ok: true });
    expect(checkTicket(optional, 'JIRA-1')).toMatchObject({ ok: false });
    expect(checkTicket(policy(), 'anything')).toEqual({ ok: true });
  });

  test('justification: as the policy says; always for break-glass', () => {
    const none = policy({ name: 'Lax', justificationRequired: false });
    expect(checkJustification(policy({ name: 'Strict' }), ' ', false)).toEqual({ ok: false, message: 'Policy "Strict" requires a justification.' });
    expect(checkJustification(policy(), 'incident INC-7', false)).toEqual({ ok: true });
    expect(checkJustification(none, undefined, false)).toEqual({ ok: true });
    expect(checkJustification(none, undefined, true)).toEqual({ ok: false, message: 'Break-glass access requires a justification: say what the emergency is.' });
  });

  test('break-glass only where the policy allows it', () => {
    expect(checkBreakGlass(policy({ name: 'Calm' }))).toEqual({ ok: false, message: 'Policy "Calm" does not allow break-glass access: request it for approval.' });
    expect(checkBreakGlass(policy({ breakGlass: { allowed: true } }))).toEqual({ ok: true });
  });
});
