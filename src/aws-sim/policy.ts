/**
 * IAM policy evaluation, pure: which policies apply to a caller, whether they allow an action on a
 * resource, and whether a role's trust policy lets a principal assume it.
 *
 * Evaluation follows AWS's order for identity policies: an explicit Deny wins, then any Allow, else an
 * implicit deny. Actions match case-insensitively with `*` and `?`; resources match ARNs with the same
 * wildcards, case-sensitively. Resource-based policies other than trust policies, permission
 * boundaries, SCPs and session policies are not modelled.
 *
 * Conditions in identity policies are ignored (a statement applies as if its condition held): the
 * policies the simulator serves (the setup guide's, AWS-managed ones) do not rely on them for the
 * actions RRCU calls. Trust policies do evaluate conditions, because `sts:ExternalId` is the point of the
 * connector's trust relationship.
 */
import type { AccessKey, ManagedPolicy, PolicyAttachments, PolicyDocument, PolicyStatement, SimState } from './state.ts';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

const patternCache = new Map<string, RegExp>();

/** IAM's wildcard match: `*` any run of characters, `?` one character, everything else literal. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let re = patternCache.get(key);
  if (!re) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, ignoreCase ? 'si' : 's');
    patternCache.set(key, re);
  }
  return re.test(value);
}

function matchesAny(patterns: string[], value: string, ignoreCase: boolean): boolean {
  return patterns.some((p) => wildcardMatch(p, value, ignoreCase));
}

function statementCovers(s: PolicyStatement, action: string, resource: string): boolean {
  const actionMatch = s.Action !== undefined ? matchesAny(asList(s.Action), action, true) : s.NotAction !== undefined && !matchesAny(asList(s.NotAction), action, true);
  if (!actionMatch) return false;
  if (s.Resource !== undefined) return matchesAny(asList(s.Resource), resource, false);
  if (s.NotResource !== undefined) return !matchesAny(asList(s.NotResource), resource, false);
  return false;
}

/** Evaluates identity policies (conditions ignored, see the file comment). */
export function evaluate(documents: PolicyDocument[], action: string, resource: string): Decision {
  let allowed = false;
  for (const doc of documents) {
    for (const s of statementsOf(doc)) {
      if (!statementCovers(s, action, resource)) continue;
      if (s.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** AWS's wording for an identity-policy denial; the same text in IAM/STS and in the JSON services. */
export function denialMessage(callerArn: string, action: string, resource: string, decision: Decision): string {
  const base = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  return decision === 'explicit-deny'
    ? `${base} with an explicit deny in an identity-based policy`
    : `${base} because no identity-based policy allows the ${action} action`;
}

/**
 * The identity policies of the principal behind an access key: for a user its own inline and attached
 * policies plus those of its groups; for a role session the role's. `'all'` for root keys, which IAM
 * policies cannot restrict. An attached ARN that resolves to nothing is skipped, as a deleted policy
 * no longer grants anything.
 */
export function identityPolicies(state: SimState, key: AccessKey): PolicyDocument[] | 'all' {
  if (key.kind === 'root') return 'all';
  const iam = state.accounts.get(key.accountId)?.iam;
  if (!iam || key.principalName === undefined) return [];
  const resolve = (arn: string): ManagedPolicy | undefined => iam.policies.get(arn) ?? state.awsManagedPolicies.get(arn);
  const collect = (holder: PolicyAttachments): PolicyDocument[] => [
    ...holder.inlinePolicies.values(),
    ...[...holder.attachedPolicyArns].flatMap((arn) => {
      const p = resolve(arn);
      return p ? [p.document] : [];
    }),
  ];
  if (key.kind === 'assumed-role') {
    const role = iam.roles.get(key.principalName);
    return role ? collect(role) : [];
  }
  const user = iam.users.get(key.principalName);
  if (!user) return [];
  const docs = collect(user);
  for (const groupName of user.groups) {
    const group = iam.groups.get(groupName);
    if (group) docs.push(...collect(group));
  }
  return docs;
}

export function decide(state: SimState, key: AccessKey, action: string, resource: string): Decision {
  const docs = identityPolicies(state, key);
  return docs === 'all' ? 'allow' : evaluate(docs, action, resource);
}

/** Who is asking to assume a role, as the trust policy sees them. */
export type AssumingPrincipal = {
  accountId: string;
  /** IAM ARN of the principal: `…:user/path/name`, `…:role/path/name` (for a session), or `…:root`. */
  principalArn: string;
  /** For role sessions, the session ARN (`arn:aws:sts::…:assumed-role/Role/session`), which a trust policy may also name. */
  sessionArn?: string;
};

/**
 * How the trust policy admits a principal: `named` when it names that exact user or role (same-account
 * callers then need no identity policy), `account` when it only names the principal's account (the
 * account must delegate through an identity policy allowing sts:AssumeRole), or `no`.
 */
export type TrustMatch = 'named' | 'account' | 'no';

export function trustPolicyAdmits(trust: PolicyDocument, principal: AssumingPrincipal, context: Record<string, string | undefined>): TrustMatch {
  let match: TrustMatch = 'no';
  for (const s of statementsOf(trust)) {
    const covers = s.Action !== undefined ? matchesAny(asList(s.Action), 'sts:AssumeRole', true) : s.NotAction !== undefined && !matchesAny(asList(s.NotAction), 'sts:AssumeRole', true);
    if (!covers) continue;
    const m = principalMatch(s, principal);
    if (m === 'no' || !conditionsHold(s.Condition, context)) continue;
    if (s.Effect === 'Deny') return 'no';
    if (m === 'named' || match === 'no') match = m;
  }
  return match;
}

function principalMatch(s: PolicyStatement, p: AssumingPrincipal): TrustMatch {
  if (s.Principal === '*') return 'account';
  const names = asList(s.Principal?.AWS);
  let match: TrustMatch = 'no';
  for (const name of names) {
    if (name === '*') match = match === 'no' ? 'account' : match;
    else if (name === p.principalArn || name === p.sessionArn) return 'named';
    else if (name === p.accountId || name === `arn:aws:iam::${p.accountId}:root`) match = 'account';
  }
  return match;
}

/**
 * Conditions of trust policies. Supported operators: String(Not)Equals, String(Not)Like,
 * StringEqualsIgnoreCase, Bool, each with the `IfExists` suffix. Keys are matched case-insensitively
 * (`sts:ExternalId`, `aws:PrincipalArn`, `aws:PrincipalAccount`). An operator the simulator does not
 * know fails the condition, so an unfamiliar trust policy errs towards refusing, as a stricter AWS would.
 */
export function conditionsHold(condition: PolicyStatement['Condition'], context: Record<string, string | undefined>): boolean {
  if (!condition) return true;
  const lowered = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [rawOperator, entries] of Object.entries(condition)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
    for (const [key, expected] of Object.entries(entries)) {
      const actual = lowered.get(key.toLowerCase());
      const values = Array.isArray(expected) ? expected.map(String) : [String(expected)];
      if (actual === undefined) {
        if (ifExists || operator.startsWith('StringNot')) continue;
        return false;
      }
      if (!operatorHolds(operator, values, actual)) return false;
    }
  }
  return true;
}

function operatorHolds(operator: string, values: string[], actual: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'Bool':
      return values.includes(actual);
    case 'StringNotEquals':
      return !values.includes(actual);
    case 'StringEqualsIgnoreCase':
      return values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
      return values.some((v) => wildcardMatch(v, actual));
    case 'StringNotLike':
      return !values.some((v) => wildcardMatch(v, actual));
    default:
      return false;
  }
}
