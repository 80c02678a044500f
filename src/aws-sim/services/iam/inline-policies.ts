/** Inline policies of users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policy. */
import type { CallContext } from '../../service.ts';
import { encodeDocument, nameInput, noSuchEntity, paginate, parseDocument } from './common.ts';
import type { Input } from './common.ts';
import { PRINCIPAL_KINDS } from './principals.ts';
import type { PrincipalKind } from './principals.ts';

function put(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:Put${kind.kind}Policy`, input);
    const policyName = nameInput(input, 'PolicyName', 128);
    holder.inlinePolicies.set(policyName, parseDocument(input, 'PolicyDocument', 'identity'));
    return undefined;
  };
}

function get(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:Get${kind.kind}Policy`, input);
    const policyName = nameInput(input, 'PolicyName', 128);
    const document = holder.inlinePolicies.get(policyName);
    if (!document) throw noSuchEntity(`The ${kind.kind.toLowerCase()} policy with name ${policyName} cannot be found.`);
    return { [`${kind.kind}Name`]: kind.nameOf(holder), PolicyName: policyName, PolicyDocument: encodeDocument(document) };
  };
}

function remove(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:Delete${kind.kind}Policy`, input);
    const policyName = nameInput(input, 'PolicyName', 128);
    if (!holder.inlinePolicies.delete(policyName)) throw noSuchEntity(`The ${kind.kind.toLowerCase()} policy with name ${policyName} cannot be found.`);
    return undefined;
  };
}

function list(kind: PrincipalKind) {
  return (ctx: CallContext, input: Input) => {
    const holder = kind.find(ctx, `iam:List${kind.kind}Policies`, input);
    const page = paginate([...holder.inlinePolicies.keys()], input, (name) => name);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}

export const inlinePolicyOperations: Record<string, (ctx: CallContext, input: Input) => unknown> = Object.fromEntries(
  PRINCIPAL_KINDS.flatMap((k) => [
    [`Put${k.kind}Policy`, put(k)],
    [`Get${k.kind}Policy`, get(k)],
    [`Delete${k.kind}Policy`, remove(k)],
    [`List${k.kind}Policies`, list(k)],
  ]),
);
