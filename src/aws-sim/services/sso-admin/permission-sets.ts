/**
 * SSO Admin permission sets: their lifecycle and the policies they carry (AWS-managed, customer
 * managed references, one inline policy). Changes mark the accounts the set is provisioned to as
 * not latest, as AWS does until ProvisionPermissionSet runs.
 */
import { AwsError, type CallContext, type OperationHandler } from '../../service.ts';
import type { PermissionSet, PolicyDocument } from '../../state.ts';
import { constraintMessage, matchingString, optionalString, requiredObject, requiredString, validationError, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import { randomHex } from '../random-ids.ts';
import { conflict, getPermissionSet, openInstance, PAGE_ERRORS, PAGE_LIMITS, permissionSetArnInput, resourceNotFound } from './instance.ts';
import { markPermissionSetChanged } from './provisioning.ts';

const NAME = /^[\w+=,.@-]{1,32}$/;
const SESSION_DURATION = /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const MANAGED_POLICY_ARN = /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy\/.+$/;
/** AWS's default quota of managed policies (AWS-managed plus customer managed references) per permission set. */
const MAX_MANAGED_POLICIES = 20;

function permissionSetShape(ps: PermissionSet) {
  return {
    Name: ps.name,
    PermissionSetArn: ps.arn,
    Description: ps.description,
    CreatedDate: ps.createdDate,
    SessionDuration: ps.sessionDuration,
    RelayState: ps.relayState,
  };
}

/** Opens the instance and the permission set the request names, authorizing on the permission set. */
function openPermissionSet(ctx: CallContext, input: Input, action: string) {
  const arn = permissionSetArnInput(input);
  const ic = openInstance(ctx, input, action, arn);
  return { ic, ps: getPermissionSet(ic, arn) };
}

function sessionDurationInput(input: Input): string | undefined {
  const value = optionalString(input, 'SessionDuration');
  if (value === undefined) return undefined;
  if (!SESSION_DURATION.test(value)) {
    throw validationError(constraintMessage('SessionDuration', value, `Member must satisfy regular expression pattern: ${SESSION_DURATION.source}`));
  }
  return value;
}

function createPermissionSet(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'CreatePermissionSet');
  const name = matchingString(input, 'Name', NAME);
  if ([...ic.permissionSets.values()].some((ps) => ps.name === name)) {
    throw conflict(`PermissionSet with name ${name} already exists.`);
  }
  const ps: PermissionSet = {
    arn: `arn:aws:sso:::permissionSet/${ic.instanceArn.split('/')[1]}/ps-${randomHex(16)}`,
    name,
    description: optionalString(input, 'Description'),
    sessionDuration: sessionDurationInput(input) ?? 'PT1H',
    relayState: optionalString(input, 'RelayState'),
    createdDate: new Date(ctx.now()),
    managedPolicyArns: new Set(),
    customerManagedPolicyReferences: [],
  };
  ic.permissionSets.set(ps.arn, ps);
  return { PermissionSet: permissionSetShape(ps) };
}

function describePermissionSet(ctx: CallContext, input: Input) {
  const { ps } = openPermissionSet(ctx, input, 'DescribePermissionSet');
  return { PermissionSet: permissionSetShape(ps) };
}

function listPermissionSets(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListPermissionSets');
  const page = paginate([...ic.permissionSets.keys()], input, 'ListPermissionSets', PAGE_LIMITS, PAGE_ERRORS);
  return { PermissionSets: page.items, NextToken: page.nextToken };
}

function deletePermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'DeletePermissionSet');
  const inUse =
    [...ic.assignments.values()].some((a) => a.permissionSetArn === ps.arn) ||
    [...ic.provisioned.values()].some((arns) => arns.has(ps.arn));
  if (inUse) {
    // AWS's wording when accounts still have the permission set provisioned.
    throw conflict('Could not delete because PermissionSet has ApplicationProfile associated with it');
  }
  ic.permissionSets.delete(ps.arn);
  return {};
}

function updatePermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'UpdatePermissionSet');
  const description = optionalString(input, 'Description');
  const sessionDuration = sessionDurationInput(input);
  const relayState = optionalString(input, 'RelayState');
  if (description !== undefined) ps.description = description;
  if (sessionDuration !== undefined) ps.sessionDuration = sessionDuration;
  if (relayState !== undefined) ps.relayState = relayState;
  markPermissionSetChanged(ic, ps);
  return {};
}

function managedPolicyCount(ps: PermissionSet): number {
  return ps.managedPolicyArns.size + ps.customerManagedPolicyReferences.length;
}

function quotaExceeded(ps: PermissionSet): AwsError {
  return new AwsError(
    'ServiceQuotaExceededException',
    `Permission set ${ps.name} already has ${MAX_MANAGED_POLICIES} managed policies (AWS-managed and customer managed references together), the default quota. Detach one first or request a quota increase.`,
    400,
  );
}

function attachManagedPolicyToPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'AttachManagedPolicyToPermissionSet');
  const policyArn = matchingString(input, 'ManagedPolicyArn', MANAGED_POLICY_ARN);
  if (ps.managedPolicyArns.has(policyArn)) {
    throw conflict(`Permission set ${ps.name} already has the managed policy ${policyArn} attached.`);
  }
  if (managedPolicyCount(ps) >= MAX_MANAGED_POLICIES) throw quotaExceeded(ps);
  ps.managedPolicyArns.add(policyArn);
  markPermissionSetChanged(ic, ps);
  return {};
}

function detachManagedPolicyFromPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'DetachManagedPolicyFromPermissionSet');
  const policyArn = matchingString(input, 'ManagedPolicyArn', MANAGED_POLICY_ARN);
  if (!ps.managedPolicyArns.delete(policyArn)) {
    throw resourceNotFound(`Managed policy ${policyArn} is not attached to permission set ${ps.name}.`);
  }
  markPermissionSetChanged(ic, ps);
  return {};
}

function listManagedPoliciesInPermissionSet(ctx: CallContext, input: Input) {
  const { ps } = openPermissionSet(ctx, input, 'ListManagedPoliciesInPermissionSet');
  const policies = [...ps.managedPolicyArns].map((arn) => ({ Name: arn.slice(arn.lastIndexOf('/') + 1), Arn: arn }));
  const page = paginate(policies, input, `ListManagedPoliciesInPermissionSet:${ps.arn}`, PAGE_LIMITS, PAGE_ERRORS);
  return { AttachedManagedPolicies: page.items, NextToken: page.nextToken };
}

function customerManagedPolicyReferenceInput(input: Input): { name: string; path: string } {
  const reference = requiredObject(input, 'CustomerManagedPolicyReference');
  const name = requiredString(reference, 'Name');
  const path = optionalString(reference, 'Path') ?? '/';
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) throw validationError(constraintMessage('Name', name, 'Member must be an IAM policy name'));
  if (!/^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/.test(path)) throw validationError(constraintMessage('Path', path, 'Member must be an IAM path beginning and ending with /'));
  return { name, path };
}

function attachCustomerManagedPolicyReferenceToPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'AttachCustomerManagedPolicyReferenceToPermissionSet');
  const reference = customerManagedPolicyReferenceInput(input);
  if (ps.customerManagedPolicyReferences.some((r) => r.name === reference.name && r.path === reference.path)) {
    throw conflict(`Permission set ${ps.name} already references the customer managed policy ${reference.path}${reference.name}.`);
  }
  if (managedPolicyCount(ps) >= MAX_MANAGED_POLICIES) throw quotaExceeded(ps);
  ps.customerManagedPolicyReferences.push(reference);
  markPermissionSetChanged(ic, ps);
  return {};
}

function detachCustomerManagedPolicyReferenceFromPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'DetachCustomerManagedPolicyReferenceFromPermissionSet');
  const reference = customerManagedPolicyReferenceInput(input);
  const index = ps.customerManagedPolicyReferences.findIndex((r) => r.name === reference.name && r.path === reference.path);
  if (index < 0) {
    throw resourceNotFound(`Permission set ${ps.name} does not reference the customer managed policy ${reference.path}${reference.name}.`);
  }
  ps.customerManagedPolicyReferences.splice(index, 1);
  markPermissionSetChanged(ic, ps);
  return {};
}

function listCustomerManagedPolicyReferencesInPermissionSet(ctx: CallContext, input: Input) {
  const { ps } = openPermissionSet(ctx, input, 'ListCustomerManagedPolicyReferencesInPermissionSet');
  const references = ps.customerManagedPolicyReferences.map((r) => ({ Name: r.name, Path: r.path }));
  const page = paginate(references, input, `ListCustomerManagedPolicyReferencesInPermissionSet:${ps.arn}`, PAGE_LIMITS, PAGE_ERRORS);
  return { CustomerManagedPolicyReferences: page.items, NextToken: page.nextToken };
}

function parsePolicyDocument(text: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationError('The InlinePolicy is not valid JSON. Pass the policy document as a JSON string.');
  }
  if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) {
    throw validationError('The InlinePolicy must be an IAM policy document with a Statement.');
  }
  return parsed as PolicyDocument;
}

function putInlinePolicyToPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'PutInlinePolicyToPermissionSet');
  const text = requiredString(input, 'InlinePolicy');
  if (text.length > 10240) throw validationError(constraintMessage('InlinePolicy', '…', 'Member must have length less than or equal to 10240'));
  ps.inlinePolicy = parsePolicyDocument(text);
  markPermissionSetChanged(ic, ps);
  return {};
}

function getInlinePolicyForPermissionSet(ctx: CallContext, input: Input) {
  const { ps } = openPermissionSet(ctx, input, 'GetInlinePolicyForPermissionSet');
  // AWS answers an empty string when the permission set has no inline policy.
  return { InlinePolicy: ps.inlinePolicy ? JSON.stringify(ps.inlinePolicy) : '' };
}

function deleteInlinePolicyFromPermissionSet(ctx: CallContext, input: Input) {
  const { ic, ps } = openPermissionSet(ctx, input, 'DeleteInlinePolicyFromPermissionSet');
  if (ps.inlinePolicy) {
    ps.inlinePolicy = undefined;
    markPermissionSetChanged(ic, ps);
  }
  return {};
}

export const permissionSetOperations: Record<string, OperationHandler> = {
  CreatePermissionSet: createPermissionSet,
  DescribePermissionSet: describePermissionSet,
  ListPermissionSets: listPermissionSets,
  DeletePermissionSet: deletePermissionSet,
  UpdatePermissionSet: updatePermissionSet,
  AttachManagedPolicyToPermissionSet: attachManagedPolicyToPermissionSet,
  DetachManagedPolicyFromPermissionSet: detachManagedPolicyFromPermissionSet,
  ListManagedPoliciesInPermissionSet: listManagedPoliciesInPermissionSet,
  AttachCustomerManagedPolicyReferenceToPermissionSet: attachCustomerManagedPolicyReferenceToPermissionSet,
  DetachCustomerManagedPolicyReferenceFromPermissionSet: detachCustomerManagedPolicyReferenceFromPermissionSet,
  ListCustomerManagedPolicyReferencesInPermissionSet: listCustomerManagedPolicyReferencesInPermissionSet,
  PutInlinePolicyToPermissionSet: putInlinePolicyToPermissionSet,
  GetInlinePolicyForPermissionSet: getInlinePolicyForPermissionSet,
  DeleteInlinePolicyFromPermissionSet: deleteInlinePolicyFromPermissionSet,
};
