/**
 * Whether a set of AWS policies confers privileged access — administrator-level access, or the power to
 * give oneself that — and why, in words a reviewer reads. Pure: the sync passes the policies of one
 * permission set, IAM group, role or user; docs/privileged-access.md states the rules for readers.
 */
import { coversEveryAction, coversResourcesOf, coversService, matchesPattern, readPolicyDocument, touchesService, type PolicyStatement } from './policy-document.ts';

/** One policy of the set: attached (with its ARN) or inline, with its document when the sync has it. */
export type PolicyToAssess = {
  /** How reviewers know it: the policy's name, or the inline policy's name. */
  name: string;
  /** A managed policy's ARN; AWS managed policies are recognised by it, never by name alone. */
  arn?: string;
  /** The document: an object, JSON text or IAM's URL-encoded JSON. Absent when only the name is known. */
  document?: unknown;
};

export type PrivilegedVerdict = {
  privileged: boolean;
  /** Why, one short line per finding; also names each policy that could not be read (then not assessed). */
  reasons: string[];
};

/**
 * AWS managed policies that are privileged whatever RRCU reads of their documents (the sync does not
 * fetch AWS managed documents), with why. Left out on purpose: AdministratorAccess-AWSElasticBeanstalk
 * and the job-function policies (SystemAdministrator, NetworkAdministrator, DatabaseAdministrator),
 * which administer a service's resources, not the account's access; their documents, when given, go
 * through the statement rules like any other.
 */
export const PRIVILEGED_AWS_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'every action on every resource',
  PowerUserAccess: 'every action except IAM, Organizations and account management: all workloads and data',
  IAMFullAccess: 'iam:*: can grant itself any permission',
  AWSOrganizationsFullAccess: 'organizations:*: service control policies, accounts and their access roles',
  'AdministratorAccess-Amplify': 'AWS describes it as granting account administrative permissions (it creates roles and attaches policies)',
  AWSSSOMasterAccountAdministrator: 'Identity Center administration: can assign any permission set, AdministratorAccess included, in any account',
  AWSSSOMemberAccountAdministrator: 'Identity Center administration from a delegated account: can assign any permission set in member accounts',
};

/** The AWS managed policy an ARN names (`arn:aws:iam::aws:policy/…`, any partition), with its path. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
}

/** Whole services whose every action is privileged. */
const PRIVILEGED_SERVICES = ['iam', 'organizations'];

/**
 * Single actions that, on every resource, give administrator access or the means to take it: passing
 * or assuming any role, and the known IAM privilege-escalation set (rewriting or attaching policies,
 * credentials for other users, trust of roles); and in Identity Center, assigning any permission set
 * or joining any group.
 */
const PRIVILEGED_ACTIONS = ['iam:PassRole', 'sts:AssumeRole'];
const ESCALATION_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:AddUserToGroup',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'sso:CreateAccountAssignment',
  'identitystore:CreateGroupMembership',
];
const ESCALATION_NAMES_SHOWN = 4;

/**
 * The verdict for one principal's (or permission set's) policies, taken together: a Deny in one
 * policy can cancel an Allow in another. Never throws: unreadable documents are named in the reasons.
 */
export function assessPrivileged(policies: readonly PolicyToAssess[]): PrivilegedVerdict {
  const findings: string[] = [];
  const unreadable: string[] = [];
  const documents: { name: string; statements: PolicyStatement[] }[] = [];
  for (const policy of policies) {
    const managed = policy.arn === undefined ? undefined : awsManagedPolicyName(policy.arn);
    if (managed !== undefined && Object.hasOwn(PRIVILEGED_AWS_MANAGED_POLICIES, managed)) {
      findings.push(`${managed} (AWS managed)`);
      continue;
    }
    if (policy.document === undefined) continue;
    const read = readPolicyDocument(policy.document);
    if (read.readable) documents.push({ name: policy.name, statements: read.statements });
    else unreadable.push(`${policy.name}: unreadable policy (${read.why}), not assessed`);
  }
  const denies = documents.flatMap((d) => d.statements.filter(isDecisiveDeny));
  for (const { name, statements } of documents) {
    for (const statement of statements) {
      if (statement.effect !== 'Allow') continue;
      for (const finding of allowFindings(statement, denies)) findings.push(`${finding} (${name}${statement.conditional ? '; conditional' : ''})`);
    }
  }
  return { privileged: findings.length > 0, reasons: [...new Set([...findings, ...unreadable])] };
}

/**
 * A Deny the rules can weigh from the documents alone: unconditional, on every resource. Others
 * (conditional, or on some resources) are not weighed, so they never remove the flag.
 */
function isDecisiveDeny(statement: PolicyStatement): boolean {
  return statement.effect === 'Deny' && !statement.conditional && !statement.notResource && statement.resources.some((r) => /^\*+$/.test(r));
}

function deniesAction(denies: PolicyStatement[], action: string): boolean {
  return denies.some((d) => d.actions.some((p) => matchesPattern(p, action)) !== d.notAction);
}

function deniesService(denies: PolicyStatement[], service: string): boolean {
  return denies.some((d) => (d.notAction ? !d.actions.some((p) => touchesService(p, service)) : d.actions.some((p) => coversService(p, service))));
}

function deniesEverything(denies: PolicyStatement[]): boolean {
  return denies.some((d) => !d.notAction && d.actions.some(coversEveryAction));
}

/**
 * What one Allow statement grants that is privileged, broadest first: a statement granting `*` says
 * only that, and a service granted whole hides its single actions.
 */
function allowFindings(statement: PolicyStatement, denies: PolicyStatement[]): string[] {
  const everywhere = (service: string) => resourceText(statement, service);
  if (statement.notAction) {
    // Every action but a few: as broad as it gets, unless something denies everything.
    const on = everywhere('*');
    if (on === undefined || statement.actions.some(coversEveryAction) || deniesEverything(denies)) return [];
    return [`Allows every action except ${statement.actions.join(', ') || 'none'} on ${on}`];
  }
  if (statement.actions.some(coversEveryAction)) {
    const on = everywhere('*');
    if (on !== undefined && !deniesEverything(denies)) return [`Allows * on ${on}`];
  }
  const findings: string[] = [];
  const wholeServices = PRIVILEGED_SERVICES.filter((service) => statement.actions.some((p) => coversService(p, service)));
  for (const service of wholeServices) {
    const on = everywhere(service);
    if (on !== undefined && !deniesService(denies, service)) findings.push(`Allows ${service}:* on ${on}`);
  }
  const granted = (action: string) => {
    const service = action.slice(0, action.indexOf(':'));
    if (wholeServices.includes(service) || !statement.actions.some((p) => matchesPattern(p, action)) || deniesAction(denies, action)) return undefined;
    return everywhere(service);
  };
  for (const action of PRIVILEGED_ACTIONS) {
    const on = granted(action);
    if (on !== undefined) findings.push(`Allows ${action} on ${on}`);
  }
  // The escalation set is reported in one line per resource: `iam:*Policy*` would otherwise make nine.
  const escalations = new Map<string, string[]>();
  for (const action of ESCALATION_ACTIONS) {
    const on = granted(action);
    if (on !== undefined) escalations.set(on, [...(escalations.get(on) ?? []), action]);
  }
  for (const [on, actions] of escalations) {
    const shown = actions.slice(0, ESCALATION_NAMES_SHOWN).join(', ');
    const more = actions.length > ESCALATION_NAMES_SHOWN ? ` and ${actions.length - ESCALATION_NAMES_SHOWN} more` : '';
    findings.push(`Allows privilege escalation (${shown}${more}) on ${on}`);
  }
  return findings;
}

/**
 * How the statement's resources read when they cover every resource of `service` (`*` for any
 * service), or undefined when they are narrower.
 */
function resourceText(statement: PolicyStatement, service: string): string | undefined {
  if (statement.notResource) return statement.resources.length === 0 ? '*' : `every resource except ${statement.resources.join(', ')}`;
  const broad = statement.resources.filter((r) => (service === '*' ? /^\*+$/.test(r) : coversResourcesOf(r, service)));
  if (broad.length === 0) return undefined;
  return broad.some((r) => /^\*+$/.test(r)) ? '*' : broad.join(', ');
}
