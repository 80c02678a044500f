/**
 * Managed policies: the account's customer-managed ones and AWS's (shared by every account, under
 * `arn:aws:iam::aws:policy/…`), their attachment to users, groups and roles, and ListPolicies with
 * Scope / OnlyAttached / PathPrefix so a client can list only its own policies.
 */
import type { CallContext } from '../../service.ts';
import type { IamAccount, ManagedPolicy } from '../../state.ts';
import {
  accountArn,
  alreadyExists,
  booleanInput,
  deleteConflict,
  encodeDocument,
  iamOf,
  limitExceeded,
  nameInput,
  newIamId,
  noSuchEntity,
  optionalString,
  paginate,
  parseDocument,
  pathInput,
  pathPrefixFilter,
  validationError,
} from './common.ts';
import type { Input } from './common.ts';
import { PRINCIPAL_KINDS } from './principals.ts';
import type { PrincipalKind } from './principals.ts';

/** How many of the account's users, groups and roles each policy is attached to. */
export function attachmentCounts(iam: IamAccount): Map<string, number> {
  const counts = new Map<string, number>();
  for (const holders of [iam.users, iam.groups, iam.roles] as Map<string, { attachedPolicyArns: Set<string> }>[]) {
    for (const holder of holders.values()) for (const arn of holder.attachedPolicyArns) counts.set(arn, (counts.get(arn) ?? 0) + 1);
  }
  return counts;
}

export function policyOutput(policy: ManagedPolicy, attachmentCount: number, withDescription: boolean) {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: withDescription ? policy.description : undefined,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

/** A policy the caller's account can use: its own customer-managed ones and AWS's. */
function resolvePolicy(ctx: CallContext, arn: string): ManagedPolicy | undefined {
  return iamOf(ctx).policies.get(arn) ?? ctx.state.awsManagedPolicies.get(arn);
}

function policyArnInput(input: Input): string {
  const arn = optionalString(input, 'PolicyArn');
  if (arn === undefined || arn.length < 20) throw validationError(`1 validation error detected: Value '${arn ?? 'null'}' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  if (!/^arn:aws:iam::(\d{12}|aws):policy\//.test(arn)) throw validationError(`ARN ${arn} is not valid.`);
  return arn;
}

function authorizedPolicy(ctx: CallContext, action: string, input: Input): ManagedPolicy {
  const arn = policyArnInput(input);
  ctx.authorize(action, arn);
  const policy = resolvePolicy(ctx, arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
  return policy;
}

function listPolicies(ctx: CallContext, input: Input) {
  ctx.authorize('iam:ListPolicies', accountArn(ctx, 'policy', '/', ''));
  const scope = optionalString(input, 'Scope') ?? 'All';
  if (!['All', 'AWS', 'Local'].includes(scope)) {
    throw validationError(`1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`);
  }
  const iam = iamOf(ctx);
  const counts = attachmentCounts(iam);
  let policies = [
    ...(scope !== 'AWS' ? iam.policies.values() : []),
    ...(scope !== 'Local' ? ctx.state.awsManagedPolicies.values() : []),
  ];
  if (booleanInput(input, 'OnlyAttached')) policies = policies.filter((p) => (counts.get(p.arn) ?? 0) > 0);
  const page = paginate(pathPrefixFilter(policies, input), input, (p) => `${p.policyName}\u0000${p.arn}`);
  return { Policies: page.items.map((p) => policyOutput(p, counts.get(p.arn) ?? 0, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function getPolicy(ctx: CallContext, input: Input) {
  const policy = authorizedPolicy(ctx, 'iam:GetPolicy', input);
  return { Policy: policyOutput(policy, attachmentCounts(iamOf(ctx)).get(policy.arn) ?? 0, true) };
}

function getPolicyVersion(ctx: CallContext, input: Input) {
  const policy = authorizedPolicy(ctx, 'iam:GetPolicyVersion', input);
  const versionId = optionalString(input, 'VersionId') ?? '';
  if (versionId !== policy.defaultVersionId) throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  return { PolicyVersion: { Document: encodeDocument(policy.document), VersionId: versionId, IsDefaultVersion: true, CreateDate: policy.updateDate } };
}

function createPolicy(ctx: CallContext, input: Input) {
  const name = nameInput(input, 'PolicyName', 128);
  const path = pathInput(input);
  const arn = accountArn(ctx, 'policy', path, name);
  ctx.authorize('iam:CreatePolicy', arn);
  const document = parseDocument(input, 'PolicyDocument', 'identity');
  const iam = iamOf(ctx);
  const lowered = name.toLowerCase();
  if ([...iam.policies.values()].some((p) => p.policyName.toLowerCase() === lowered)) {
    throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  const now = new Date(ctx.now());
  const policy: ManagedPolicy = {
    policyName: name,
    policyId: newIamId('ANPA'),
    arn,
    path,
    description: optionalString(input, 'Description'),
    document,
    createDate: now,
    updateDate: now,
    defaultVersionId: 'v1',
    attachmentCount: 0,
  };
  iam.policies.set(arn, policy);
  return { Policy: policyOutput(policy, 0, true) };
}

function deletePolicy(ctx: CallContext, input: Input) {
  const arn = policyArnInput(input);
  ctx.authorize('iam:DeletePolicy', arn);
  const iam = iamOf(ctx);
  const policy = iam.policies.get(arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
  if ((attachmentCounts(iam).get(arn) ?? 0) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
  iam.policies.delete(arn);
  return undefined;
}

function attach(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:Attach${kind.kind}Policy`, input);
    const arn = policyArnInput(input);
    const policy = resolvePolicy(ctx, arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    if (holder.attachedPolicyArns.has(arn)) return undefined;
    if (holder.attachedPolicyArns.size >= kind.managedPolicyQuota) throw limitExceeded(`PoliciesPer${kind.kind}`, kind.managedPolicyQuota);
    holder.attachedPolicyArns.add(arn);
    policy.attachmentCount += 1;
    return undefined;
  };
}

function detach(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:Detach${kind.kind}Policy`, input);
    const arn = policyArnInput(input);
    if (!holder.attachedPolicyArns.has(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    holder.attachedPolicyArns.delete(arn);
    const policy = resolvePolicy(ctx, arn);
    if (policy) policy.attachmentCount = Math.max(0, policy.attachmentCount - 1);
    return undefined;
  };
}

function listAttached(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:ListAttached${kind.kind}Policies`, input);
    const attached = [...holder.attachedPolicyArns].map((arn) => {
      const policy = resolvePolicy(ctx, arn);
      return { PolicyName: policy?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn, path: policy?.path ?? '/' };
    });
    const page = paginate(pathPrefixFilter(attached, input), input, (p) => p.PolicyName);
    return {
      AttachedPolicies: page.items.map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  };
}

export const managedPolicyOperations: Record<string, (ctx: CallContext, input: Input) => unknown> = {
  ListPolicies: listPolicies,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  CreatePolicy: createPolicy,
  DeletePolicy: deletePolicy,
  ...Object.fromEntries(
    PRINCIPAL_KINDS.flatMap((k) => [
      [`Attach${k.kind}Policy`, attach(k)],
      [`Detach${k.kind}Policy`, detach(k)],
      [`ListAttached${k.kind}Policies`, listAttached(k)],
    ]),
  ),
};
