/** IAM roles: list, get, create, delete, update, and their trust policies (returned URL-encoded). */
import type { CallContext } from '../../service.ts';
import type { IamRole } from '../../state.ts';
import {
  accountArn,
  alreadyExists,
  deleteConflict,
  encodeDocument,
  findByName,
  iamOf,
  listInput,
  mergeTags,
  nameInput,
  newIamId,
  noSuchEntity,
  optionalString,
  paginate,
  parseDocument,
  pathInput,
  pathPrefixFilter,
  tagsInput,
  validationError,
} from './common.ts';
import type { Input } from './common.ts';

/** ListRoles leaves out tags and last use; GetRole, CreateRole and UpdateRoleDescription include them. */
export function roleOutput(role: IamRole, full = false) {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: full && role.tags.length > 0 ? role.tags : undefined,
    RoleLastUsed: full ? { LastUsedDate: role.lastUsed?.date, Region: role.lastUsed?.region } : undefined,
  };
}

export function authorizedRole(ctx: CallContext, action: string, input: Input): IamRole {
  const name = nameInput(input, 'RoleName');
  const role = findByName(iamOf(ctx).roles, name);
  ctx.authorize(action, role?.arn ?? accountArn(ctx, 'role', '/', name));
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function maxSessionDurationInput(input: Input): number | undefined {
  if (input.MaxSessionDuration === undefined) return undefined;
  const value = Number(input.MaxSessionDuration);
  if (!Number.isInteger(value) || value < 3600 || value > 43200) {
    throw validationError(`The requested MaxSessionDuration ${String(input.MaxSessionDuration)} is not valid. It must be between 3600 and 43200 seconds.`);
  }
  return value;
}

function descriptionInput(input: Input): string | undefined {
  const description = optionalString(input, 'Description');
  if (description !== undefined && description.length > 1000) {
    throw validationError(`1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`);
  }
  return description;
}

function listRoles(ctx: CallContext, input: Input) {
  ctx.authorize('iam:ListRoles', accountArn(ctx, 'role', '/', ''));
  const page = paginate(pathPrefixFilter([...iamOf(ctx).roles.values()], input), input, (r) => r.roleName);
  return { Roles: page.items.map((r) => roleOutput(r)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function getRole(ctx: CallContext, input: Input) {
  return { Role: roleOutput(authorizedRole(ctx, 'iam:GetRole', input), true) };
}

function createRole(ctx: CallContext, input: Input) {
  const name = nameInput(input, 'RoleName');
  const path = pathInput(input);
  const arn = accountArn(ctx, 'role', path, name);
  ctx.authorize('iam:CreateRole', arn);
  const trust = parseDocument(input, 'AssumeRolePolicyDocument', 'trust');
  const iam = iamOf(ctx);
  if (findByName(iam.roles, name)) throw alreadyExists(`Role with name ${name} already exists.`);
  const role: IamRole = {
    roleName: name,
    roleId: newIamId('AROA'),
    arn,
    path,
    createDate: new Date(ctx.now()),
    description: descriptionInput(input),
    maxSessionDuration: maxSessionDurationInput(input) ?? 3600,
    assumeRolePolicyDocument: trust,
    tags: tagsInput(input),
    attachedPolicyArns: new Set(),
    inlinePolicies: new Map(),
  };
  iam.roles.set(name, role);
  return { Role: roleOutput(role, true) };
}

function deleteRole(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:DeleteRole', input);
  if (role.attachedPolicyArns.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (role.inlinePolicies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  iamOf(ctx).roles.delete(role.roleName);
  // Sessions of a deleted role stop working, as AWS revokes them with the role.
  for (const [id, key] of ctx.state.accessKeys) {
    if (key.kind === 'assumed-role' && key.accountId === ctx.caller.accountId && key.principalName === role.roleName) ctx.state.accessKeys.delete(id);
  }
  return undefined;
}

function updateRole(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:UpdateRole', input);
  const description = descriptionInput(input);
  const maxSessionDuration = maxSessionDurationInput(input);
  if (description !== undefined) role.description = description;
  if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration;
  return {};
}

function updateRoleDescription(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:UpdateRoleDescription', input);
  role.description = descriptionInput(input) ?? '';
  return { Role: roleOutput(role, true) };
}

function updateAssumeRolePolicy(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:UpdateAssumeRolePolicy', input);
  role.assumeRolePolicyDocument = parseDocument(input, 'PolicyDocument', 'trust');
  return undefined;
}

function tagRole(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:TagRole', input);
  role.tags = mergeTags(role.tags, tagsInput(input));
  return undefined;
}

function untagRole(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:UntagRole', input);
  const keys = new Set(listInput(input, 'TagKeys').map(String));
  role.tags = role.tags.filter((t) => !keys.has(t.Key));
  return undefined;
}

function listRoleTags(ctx: CallContext, input: Input) {
  const role = authorizedRole(ctx, 'iam:ListRoleTags', input);
  const page = paginate(role.tags, input, (t) => t.Key);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const roleOperations = {
  ListRoles: listRoles,
  GetRole: getRole,
  CreateRole: createRole,
  DeleteRole: deleteRole,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  TagRole: tagRole,
  UntagRole: untagRole,
  ListRoleTags: listRoleTags,
};
