/**
 * GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with their
 * policies in one paged answer, as IAM gives it. Documents are URL-encoded JSON; `Filter` picks entity
 * types (all when left out). Customer-managed policies are all listed, AWS-managed ones only where
 * attached in this account, each with its version list (the simulator keeps the default version only).
 */
import type { CallContext } from '../../service.ts';
import type { IamGroup, IamRole, IamUser, ManagedPolicy, PolicyAttachments } from '../../state.ts';
import { encodeDocument, iamOf, listInput, paginate, validationError } from './common.ts';
import type { Input } from './common.ts';
import { attachmentCounts, policyOutput } from './managed-policies.ts';
import { roleOutput } from './roles.ts';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

type Entry =
  | { type: 'User'; user: IamUser }
  | { type: 'Group'; group: IamGroup }
  | { type: 'Role'; role: IamRole }
  | { type: 'LocalManagedPolicy' | 'AWSManagedPolicy'; policy: ManagedPolicy };

function filterInput(input: Input): Set<EntityType> {
  const asked = listInput(input, 'Filter').map(String);
  for (const t of asked) {
    if (!(ENTITY_TYPES as readonly string[]).includes(t)) {
      throw validationError(`1 validation error detected: Value '[${asked.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_TYPES.join(', ')}]]`);
    }
  }
  return new Set(asked.length > 0 ? (asked as EntityType[]) : ENTITY_TYPES);
}

/** The sort key of an entry: users, groups, roles, then policies, so pages follow IAM's order of lists. */
function keyOf(entry: Entry): string {
  switch (entry.type) {
    case 'User': return `0\u0000${entry.user.userName}`;
    case 'Group': return `1\u0000${entry.group.groupName}`;
    case 'Role': return `2\u0000${entry.role.roleName}`;
    default: return `3\u0000${entry.policy.policyName}\u0000${entry.policy.arn}`;
  }
}

export function getAccountAuthorizationDetails(ctx: CallContext, input: Input) {
  ctx.authorize('iam:GetAccountAuthorizationDetails', '*');
  const types = filterInput(input);
  const iam = iamOf(ctx);
  const counts = attachmentCounts(iam);
  const entries: Entry[] = [];
  if (types.has('User')) for (const user of iam.users.values()) entries.push({ type: 'User', user });
  if (types.has('Group')) for (const group of iam.groups.values()) entries.push({ type: 'Group', group });
  if (types.has('Role')) for (const role of iam.roles.values()) entries.push({ type: 'Role', role });
  if (types.has('LocalManagedPolicy')) for (const policy of iam.policies.values()) entries.push({ type: 'LocalManagedPolicy', policy });
  if (types.has('AWSManagedPolicy')) {
    for (const policy of ctx.state.awsManagedPolicies.values()) if ((counts.get(policy.arn) ?? 0) > 0) entries.push({ type: 'AWSManagedPolicy', policy });
  }
  const page = paginate(entries, input, keyOf);

  const attachedOf = (holder: PolicyAttachments) => [...holder.attachedPolicyArns].map((arn) => {
    const policy = iam.policies.get(arn) ?? ctx.state.awsManagedPolicies.get(arn);
    return { PolicyName: policy?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn };
  });
  const inlineOf = (holder: PolicyAttachments) => [...holder.inlinePolicies].map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodeDocument(doc) }));

  const out = {
    UserDetailList: [] as unknown[], GroupDetailList: [] as unknown[], RoleDetailList: [] as unknown[], Policies: [] as unknown[],
    IsTruncated: page.IsTruncated, Marker: page.Marker,
  };
  for (const entry of page.items) {
    if (entry.type === 'User') {
      const u = entry.user;
      out.UserDetailList.push({
        Path: u.path, UserName: u.userName, UserId: u.userId, Arn: u.arn, CreateDate: u.createDate,
        UserPolicyList: inlineOf(u), GroupList: [...u.groups], AttachedManagedPolicies: attachedOf(u),
        Tags: u.tags.length > 0 ? u.tags : undefined,
      });
    } else if (entry.type === 'Group') {
      const g = entry.group;
      out.GroupDetailList.push({
        Path: g.path, GroupName: g.groupName, GroupId: g.groupId, Arn: g.arn, CreateDate: g.createDate,
        GroupPolicyList: inlineOf(g), AttachedManagedPolicies: attachedOf(g),
      });
    } else if (entry.type === 'Role') {
      const r = entry.role;
      const role = roleOutput(r, true);
      out.RoleDetailList.push({
        Path: role.Path, RoleName: role.RoleName, RoleId: role.RoleId, Arn: role.Arn, CreateDate: role.CreateDate,
        AssumeRolePolicyDocument: role.AssumeRolePolicyDocument, InstanceProfileList: [],
        RolePolicyList: inlineOf(r), AttachedManagedPolicies: attachedOf(r), Tags: role.Tags, RoleLastUsed: role.RoleLastUsed,
      });
    } else {
      const p = entry.policy;
      out.Policies.push({
        ...policyOutput(p, counts.get(p.arn) ?? 0, true),
        PolicyVersionList: [{ Document: encodeDocument(p.document), VersionId: p.defaultVersionId, IsDefaultVersion: true, CreateDate: p.updateDate }],
      });
    }
  }
  return out;
}
