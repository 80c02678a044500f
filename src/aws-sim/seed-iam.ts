/**
 * IAM inside each seeded account: people and machines as IAM users, the usual groups with
 * AWS-managed policies, service roles, the cross-account role, an alias, and a few
 * customer-managed policies, as accounts that grew over two years tend to have.
 */
import { managedArn } from './aws-managed-policies.ts';
import type { Ids } from './ids.ts';
import { SERVICE_USERS } from './names.ts';
import type { Rng } from './random.ts';
import { crossAccountTrustPolicy, serviceTrustPolicy } from './reference-policies.ts';
import type { AccountKind } from './seed-organization.ts';
import { dateBetween, SEED_EPOCH, type Person } from './seed-people.ts';
import type { IamAccount, IamGroup, IamRole, IamUser, ManagedPolicy, PolicyDocument, SimState, Tag } from './state.ts';

export function iamArn(accountId: string, kind: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

export function newIamUser(accountId: string, userName: string, userId: string, createDate: Date, path = '/'): IamUser {
  return {
    userName, userId, path, createDate, arn: iamArn(accountId, 'user', path, userName),
    tags: [], groups: new Set(), attachedPolicyArns: new Set(), inlinePolicies: new Map(),
  };
}

export function newIamGroup(accountId: string, groupName: string, groupId: string, createDate: Date, path = '/'): IamGroup {
  return {
    groupName, groupId, path, createDate, arn: iamArn(accountId, 'group', path, groupName),
    members: new Set(), attachedPolicyArns: new Set(), inlinePolicies: new Map(),
  };
}

export function newIamRole(
  accountId: string,
  role: { roleName: string; roleId: string; path?: string; createDate: Date; trust: PolicyDocument; description?: string; maxSessionDuration?: number },
): IamRole {
  const path = role.path ?? '/';
  return {
    roleName: role.roleName, roleId: role.roleId, path, createDate: role.createDate,
    arn: iamArn(accountId, 'role', path, role.roleName),
    description: role.description, maxSessionDuration: role.maxSessionDuration ?? 3600,
    assumeRolePolicyDocument: role.trust, tags: [], attachedPolicyArns: new Set(), inlinePolicies: new Map(),
  };
}

export function newCustomerPolicy(
  accountId: string,
  p: { name: string; policyId: string; path?: string; description?: string; document: PolicyDocument; createDate: Date },
): ManagedPolicy {
  const path = p.path ?? '/';
  return {
    policyName: p.name, policyId: p.policyId, path, arn: iamArn(accountId, 'policy', path, p.name),
    description: p.description, document: p.document, createDate: p.createDate, updateDate: p.createDate,
    defaultVersionId: 'v1', attachmentCount: 0,
  };
}

export function addUserToGroup(iam: IamAccount, userName: string, groupName: string): void {
  iam.users.get(userName)?.groups.add(groupName);
  iam.groups.get(groupName)?.members.add(userName);
}

/** Recounts every managed policy's `attachmentCount` from the users, groups and roles that attach it. */
export function countAttachments(state: SimState): void {
  for (const p of state.awsManagedPolicies.values()) p.attachmentCount = 0;
  for (const account of state.accounts.values()) {
    for (const p of account.iam.policies.values()) p.attachmentCount = 0;
    const principals = [...account.iam.users.values(), ...account.iam.groups.values(), ...account.iam.roles.values()];
    for (const principal of principals) {
      for (const arn of principal.attachedPolicyArns) {
        const policy = account.iam.policies.get(arn) ?? state.awsManagedPolicies.get(arn);
        if (policy) policy.attachmentCount++;
      }
    }
  }
}

const allow = (actions: string[], resource: string | string[] = '*'): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});

/** Customer-managed policies that accounts commonly grow; each account gets a few of them. */
const CUSTOMER_POLICIES: readonly { name: string; description: string; document: PolicyDocument }[] = [
  {
    name: 'EnforceMFA',
    description: 'Denies everything but MFA self-service until the user signs in with MFA',
    document: {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DenyAllExceptListedIfNoMFA', Effect: 'Deny',
        NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
        Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }],
    },
  },
  { name: 'DeployPipelineAccess', description: 'What the CI pipeline needs to deploy stacks', document: allow(['cloudformation:*', 's3:GetObject', 's3:PutObject', 'ecr:*', 'iam:PassRole', 'lambda:UpdateFunctionCode']) },
  { name: 'S3ArtifactsReadWrite', description: 'Read and write build artifacts', document: allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], ['arn:aws:s3:::artifacts-*', 'arn:aws:s3:::artifacts-*/*']) },
  { name: 'CloudWatchAlarmsManage', description: 'Manage alarms and dashboards', document: allow(['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:PutDashboard', 'cloudwatch:Describe*']) },
  { name: 'DevelopersPermissionsBoundary', description: 'Permissions boundary for roles created by developers', document: allow(['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'sqs:*', 'sns:*']) },
  { name: 'BackupOperator', description: 'Start and monitor backups', document: allow(['backup:StartBackupJob', 'backup:Describe*', 'backup:List*', 'ec2:CreateSnapshot']) },
];

/** Service roles found in many accounts, beyond the service-linked ones every account has. */
const APP_ROLES: readonly { name: string; service: string; policy: string; description: string }[] = [
  { name: 'lambda-execution', service: 'lambda.amazonaws.com', policy: 'AWSLambdaBasicExecutionRole', description: 'Execution role for the account\'s Lambda functions' },
  { name: 'ecs-task-execution', service: 'ecs-tasks.amazonaws.com', policy: 'AmazonECS_FullAccess', description: 'Pulls images and writes logs for ECS tasks' },
  { name: 'ec2-ssm-instance', service: 'ec2.amazonaws.com', policy: 'AmazonSSMManagedInstanceCore', description: 'Instance profile role for Systems Manager' },
  { name: 'backup-service', service: 'backup.amazonaws.com', policy: 'AWSBackupServiceRolePolicyForBackup', description: 'AWS Backup service role' },
];

export type AccountIamPlan = {
  accountId: string;
  accountName: string;
  kind: AccountKind;
  createdAt: Date;
  /** Identity Center people (some IAM users are the same humans) and others (former staff, contractors). */
  staff: readonly Person[];
  outsiders: readonly Person[];
  iamUsers: number;
  company: string;
  /** The role member accounts carry for the management account, or null in the management account. */
  crossAccountRole: { name: string; managementAccountId: string } | null;
};

/** Fills one account's IAM. Roles for Identity Center and RRCU's connector are added by their seeders. */
export function seedAccountIam(rng: Rng, ids: Ids, iam: IamAccount, plan: AccountIamPlan): void {
  const { accountId } = plan;
  const since = plan.createdAt.getTime();
  const when = () => dateBetween(rng, since, SEED_EPOCH);

  // Aliases are global across AWS, so companies prefix them with their name.
  const alias = plan.accountName.startsWith(`${plan.company}-`) ? plan.accountName : `${plan.company}-${plan.accountName}`;
  if (rng.chance(0.9)) iam.aliases.push(alias);

  const policies = rng.sample(CUSTOMER_POLICIES, rng.int(1, 3));
  if (plan.iamUsers > 0 && !policies.some((p) => p.name === 'DeployPipelineAccess')) policies.push(CUSTOMER_POLICIES[1] as (typeof CUSTOMER_POLICIES)[number]);
  for (const p of policies) {
    const policy = newCustomerPolicy(accountId, { name: p.name, policyId: ids.iamId('ANPA'), description: p.description, document: p.document, createDate: when() });
    iam.policies.set(policy.arn, policy);
  }
  const customerArn = (name: string) => iamArn(accountId, 'policy', '/', name);

  const groupDefs: { name: string; policy: string }[] = [
    { name: 'Admins', policy: 'AdministratorAccess' },
    { name: 'ReadOnly', policy: 'ReadOnlyAccess' },
    { name: 'Developers', policy: 'PowerUserAccess' },
    { name: 'Billing', policy: 'Billing' },
  ];
  const groupCount = plan.kind === 'management' ? 4 : rng.int(2, 3);
  for (const def of groupDefs.slice(0, groupCount)) {
    const group = newIamGroup(accountId, def.name, ids.iamId('AGPA'), when());
    group.attachedPolicyArns.add(managedArn(def.policy));
    if (def.name !== 'ReadOnly' && iam.policies.has(customerArn('EnforceMFA'))) group.attachedPolicyArns.add(customerArn('EnforceMFA'));
    iam.groups.set(group.groupName, group);
  }
  const groupNames = [...iam.groups.keys()];

  const serviceNames = rng.shuffle(SERVICE_USERS);
  for (let attempts = 0; iam.users.size < plan.iamUsers && attempts < plan.iamUsers * 10; attempts++) {
    const isService = plan.iamUsers >= 2 && iam.users.size === plan.iamUsers - 1 ? true : rng.chance(0.1);
    if (isService) {
      const name = serviceNames.find((n) => !iam.users.has(n));
      if (name) {
        const user = newIamUser(accountId, name, ids.iamId('AIDA'), when());
        user.tags.push({ Key: 'owner', Value: 'platform-engineering' }, { Key: 'purpose', Value: 'automation' });
        if (name === 'ci-deployer' || name === 'github-actions' || name === 'jenkins') user.attachedPolicyArns.add(customerArn('DeployPipelineAccess'));
        else user.inlinePolicies.set(`${name}-access`, allow(name === 'backup-agent' ? ['backup:StartBackupJob', 's3:PutObject'] : ['cloudwatch:PutMetricData', 's3:GetObject']));
        iam.users.set(name, user);
        continue;
      }
    }
    // Most humans with IAM users are also Identity Center users: that overlap is what person matching finds.
    const fromStaff = plan.staff.length > 0 && (plan.outsiders.length === 0 || rng.chance(0.7));
    const person = rng.pick(fromStaff ? plan.staff : plan.outsiders);
    if (!person || iam.users.has(person.userName)) continue;
    const user = newIamUser(accountId, person.userName, ids.iamId('AIDA'), when());
    const tags: Tag[] = [];
    if (rng.chance(fromStaff ? 0.75 : 0.5)) tags.push({ Key: 'email', Value: person.email });
    if (rng.chance(0.3)) tags.push({ Key: 'cost-center', Value: `cc-${rng.int(1000, 9999)}` });
    user.tags = tags;
    if (rng.chance(0.7)) user.passwordLastUsed = dateBetween(rng, Math.max(user.createDate.getTime(), SEED_EPOCH - 90 * 864e5), SEED_EPOCH);
    iam.users.set(user.userName, user);
    for (const g of rng.sample(groupNames, rng.int(1, Math.min(2, groupNames.length)))) addUserToGroup(iam, user.userName, g);
  }

  const slr = (service: string, policy: string, name: string) => {
    const role = newIamRole(accountId, {
      roleName: name, roleId: ids.iamId('AROA'), path: `/aws-service-role/${service}/`, createDate: plan.createdAt,
      trust: serviceTrustPolicy(service), description: undefined,
    });
    role.attachedPolicyArns.add(managedArn(policy));
    iam.roles.set(role.roleName, role);
  };
  slr('support.amazonaws.com', 'AWSSupportServiceRolePolicy', 'AWSServiceRoleForSupport');
  slr('trustedadvisor.amazonaws.com', 'AWSTrustedAdvisorServiceRolePolicy', 'AWSServiceRoleForTrustedAdvisor');
  if (plan.kind === 'management') slr('organizations.amazonaws.com', 'AWSOrganizationsServiceTrustPolicy', 'AWSServiceRoleForOrganizations');

  if (plan.crossAccountRole) {
    const role = newIamRole(accountId, {
      roleName: plan.crossAccountRole.name, roleId: ids.iamId('AROA'), createDate: plan.createdAt,
      trust: crossAccountTrustPolicy(plan.crossAccountRole.managementAccountId),
    });
    role.attachedPolicyArns.add(managedArn('AdministratorAccess'));
    iam.roles.set(role.roleName, role);
  }
  const appRoles = plan.kind === 'security' ? [] : rng.sample(APP_ROLES, plan.kind === 'management' ? 0 : rng.int(0, 2));
  for (const app of appRoles) {
    const role = newIamRole(accountId, { roleName: app.name, roleId: ids.iamId('AROA'), createDate: when(), trust: serviceTrustPolicy(app.service), description: app.description });
    role.attachedPolicyArns.add(managedArn(app.policy));
    iam.roles.set(role.roleName, role);
  }
  if (plan.kind === 'security') {
    const role = newIamRole(accountId, { roleName: 'config-recorder', roleId: ids.iamId('AROA'), createDate: when(), trust: serviceTrustPolicy('config.amazonaws.com'), description: 'AWS Config recorder' });
    role.attachedPolicyArns.add(managedArn('AWSConfigRole'));
    iam.roles.set(role.roleName, role);
  }
}
