/**
 * Permission sets as real organisations name them, with AWS-managed policies, session durations
 * from one hour (administrators) to twelve (read-only), and some inline policies and
 * customer-managed policy references. `tier` steers where the seeder assigns them.
 */
import { managedArn } from './aws-managed-policies.ts';
import type { PolicyDocument } from './state.ts';

export type PermissionSetTier = 'admin' | 'power' | 'read' | 'specialist' | 'billing';

export type PermissionSetDef = {
  name: string;
  description: string;
  sessionDuration: string;
  managed: string[];
  customer?: { name: string; path: string }[];
  inline?: PolicyDocument;
  relayState?: string;
  tier: PermissionSetTier;
};

const doc = (effect: 'Allow' | 'Deny', actions: string[], resource = '*'): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: actions, Resource: resource }],
});

export const PERMISSION_SET_CATALOGUE: readonly PermissionSetDef[] = [
  { name: 'AdministratorAccess', description: 'Full access to the account', sessionDuration: 'PT1H', managed: ['AdministratorAccess'], tier: 'admin' },
  { name: 'ReadOnlyAccess', description: 'Read-only access to all services, without reading secrets', sessionDuration: 'PT8H', managed: ['ReadOnlyAccess'], inline: doc('Deny', ['secretsmanager:GetSecretValue', 'ssm:GetParameter*']), tier: 'read' },
  { name: 'PowerUserAccess', description: 'Full access except IAM and Organizations', sessionDuration: 'PT4H', managed: ['PowerUserAccess'], tier: 'power' },
  { name: 'Billing', description: 'Billing and cost management', sessionDuration: 'PT8H', managed: ['Billing'], relayState: 'https://console.aws.amazon.com/billing/home', tier: 'billing' },
  { name: 'SecurityAudit', description: 'Read security configuration for audits', sessionDuration: 'PT4H', managed: ['SecurityAudit'], customer: [{ name: 'SecurityToolingAccess', path: '/' }], tier: 'read' },
  { name: 'ViewOnlyAccess', description: 'View resources and metadata, no data', sessionDuration: 'PT12H', managed: ['ViewOnlyAccess'], tier: 'read' },
  { name: 'DataScientist', description: 'Analytics and machine learning services', sessionDuration: 'PT8H', managed: ['DataScientist'], customer: [{ name: 'DataLakeReadAccess', path: '/' }], tier: 'specialist' },
  { name: 'NetworkAdministrator', description: 'VPCs, DNS, load balancers and Direct Connect', sessionDuration: 'PT4H', managed: ['NetworkAdministrator'], tier: 'specialist' },
  { name: 'DatabaseAdministrator', description: 'RDS, DynamoDB, ElastiCache and Redshift', sessionDuration: 'PT4H', managed: ['DatabaseAdministrator'], tier: 'specialist' },
  { name: 'SystemAdministrator', description: 'Compute, monitoring and Systems Manager', sessionDuration: 'PT4H', managed: ['SystemAdministrator'], tier: 'power' },
  { name: 'SupportUser', description: 'Open and manage AWS Support cases', sessionDuration: 'PT8H', managed: ['SupportUser'], tier: 'read' },
  { name: 'DeveloperAccess', description: 'Build and run applications; no IAM', sessionDuration: 'PT8H', managed: ['AWSLambda_FullAccess', 'AmazonS3FullAccess', 'AmazonDynamoDBReadOnlyAccess', 'CloudWatchReadOnlyAccess'], inline: doc('Deny', ['iam:*', 'organizations:*']), tier: 'power' },
  { name: 'BreakGlassAdmin', description: 'Emergency administrator access; every use is reviewed', sessionDuration: 'PT1H', managed: ['AdministratorAccess'], tier: 'admin' },
  { name: 'IncidentResponder', description: 'Investigate and contain security incidents', sessionDuration: 'PT2H', managed: ['SecurityAudit', 'CloudWatchLogsReadOnlyAccess'], inline: doc('Allow', ['ec2:ModifyInstanceAttribute', 'ec2:CreateSnapshot', 'ec2:StopInstances']), tier: 'specialist' },
  { name: 'FinOpsAnalyst', description: 'Cost and usage reports, read-only', sessionDuration: 'PT8H', managed: ['AWSBillingReadOnlyAccess'], tier: 'billing' },
  { name: 'LogReader', description: 'Read CloudWatch Logs and CloudTrail', sessionDuration: 'PT8H', managed: ['CloudWatchLogsReadOnlyAccess', 'AWSCloudTrail_ReadOnlyAccess'], relayState: 'https://console.aws.amazon.com/cloudwatch/home', tier: 'read' },
  { name: 'PlatformEngineer', description: 'Operate the shared platform', sessionDuration: 'PT8H', managed: ['PowerUserAccess', 'IAMReadOnlyAccess'], customer: [{ name: 'DevelopersPermissionsBoundary', path: '/' }], tier: 'power' },
  { name: 'DataEngineer', description: 'Pipelines, Glue and Athena', sessionDuration: 'PT8H', managed: ['AmazonAthenaFullAccess', 'AmazonS3ReadOnlyAccess'], customer: [{ name: 'DataLakeReadAccess', path: '/' }], tier: 'specialist' },
  { name: 'MLEngineer', description: 'SageMaker training and endpoints', sessionDuration: 'PT8H', managed: ['AmazonSageMakerFullAccess'], tier: 'specialist' },
  { name: 'DeployOperator', description: 'Deploy CloudFormation stacks', sessionDuration: 'PT2H', managed: ['AWSCloudFormationFullAccess'], inline: doc('Allow', ['iam:PassRole'], 'arn:aws:iam::*:role/cfn-*'), tier: 'power' },
  { name: 'SecurityAdmin', description: 'Manage IAM and security services', sessionDuration: 'PT2H', managed: ['IAMFullAccess', 'AmazonGuardDutyReadOnlyAccess', 'AWSSecurityHubReadOnlyAccess'], tier: 'admin' },
  { name: 'IAMReadOnly', description: 'Read IAM configuration', sessionDuration: 'PT8H', managed: ['IAMReadOnlyAccess'], tier: 'read' },
  { name: 'EC2Operator', description: 'Manage EC2 instances', sessionDuration: 'PT4H', managed: ['AmazonEC2FullAccess'], tier: 'specialist' },
  { name: 'LambdaDeveloper', description: 'Develop and debug Lambda functions', sessionDuration: 'PT8H', managed: ['AWSLambda_FullAccess', 'CloudWatchLogsReadOnlyAccess'], tier: 'specialist' },
  { name: 'DynamoDBReadOnly', description: 'Read DynamoDB tables', sessionDuration: 'PT8H', managed: ['AmazonDynamoDBReadOnlyAccess'], tier: 'read' },
  { name: 'ECSOperator', description: 'Manage ECS services and tasks', sessionDuration: 'PT4H', managed: ['AmazonECS_FullAccess'], tier: 'specialist' },
  { name: 'EKSAdmin', description: 'Administer EKS clusters', sessionDuration: 'PT4H', managed: ['AmazonEKSClusterPolicy', 'AmazonEC2ReadOnlyAccess'], tier: 'specialist' },
  { name: 'KMSAdmin', description: 'Manage KMS keys', sessionDuration: 'PT2H', managed: ['AWSKeyManagementServicePowerUser'], tier: 'specialist' },
  { name: 'Route53Admin', description: 'Manage DNS zones', sessionDuration: 'PT4H', managed: ['AmazonRoute53FullAccess'], tier: 'specialist' },
  { name: 'CloudWatchReadOnly', description: 'Read metrics, alarms and dashboards', sessionDuration: 'PT12H', managed: ['CloudWatchReadOnlyAccess'], tier: 'read' },
  { name: 'AthenaAnalyst', description: 'Query the data lake with Athena', sessionDuration: 'PT8H', managed: ['AmazonAthenaFullAccess'], customer: [{ name: 'DataLakeReadAccess', path: '/' }], tier: 'specialist' },
  { name: 'RedshiftAnalyst', description: 'Read Redshift clusters', sessionDuration: 'PT8H', managed: ['AmazonRedshiftReadOnlyAccess'], tier: 'read' },
  { name: 'SandboxAdmin', description: 'Administrator of a personal sandbox account', sessionDuration: 'PT12H', managed: ['AdministratorAccess'], tier: 'admin' },
  { name: 'ReleaseManager', description: 'Roll out releases to ECS and CloudFormation', sessionDuration: 'PT4H', managed: ['AWSCloudFormationFullAccess', 'AmazonECS_FullAccess'], tier: 'power' },
  { name: 'AuditorReadOnly', description: 'External auditors: configuration and logs, read-only', sessionDuration: 'PT12H', managed: ['SecurityAudit', 'ViewOnlyAccess'], tier: 'read' },
  { name: 'SupportEngineer', description: 'Troubleshoot customer issues', sessionDuration: 'PT8H', managed: ['AWSSupportAccess', 'ReadOnlyAccess'], tier: 'read' },
  { name: 'GuardDutyAnalyst', description: 'Triage GuardDuty and Security Hub findings', sessionDuration: 'PT8H', managed: ['AmazonGuardDutyReadOnlyAccess', 'AWSSecurityHubReadOnlyAccess'], tier: 'specialist' },
  { name: 'SecretsReader', description: 'Read application secrets', sessionDuration: 'PT1H', managed: [], inline: doc('Allow', ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'kms:Decrypt']), tier: 'specialist' },
  { name: 'S3ReadOnly', description: 'Read S3 buckets', sessionDuration: 'PT8H', managed: ['AmazonS3ReadOnlyAccess'], tier: 'read' },
  { name: 'OrganizationsReadOnly', description: 'Read the organisation and Identity Center setup', sessionDuration: 'PT8H', managed: ['AWSOrganizationsReadOnlyAccess', 'AWSSSOReadOnly'], tier: 'read' },
  { name: 'NetworkReadOnly', description: 'Read VPC and EC2 networking', sessionDuration: 'PT8H', managed: ['AmazonEC2ReadOnlyAccess'], tier: 'read' },
  { name: 'RDSReadOnly', description: 'Read RDS instances and snapshots', sessionDuration: 'PT8H', managed: ['AmazonRDSReadOnlyAccess'], tier: 'read' },
  { name: 'SecretsManagerAdmin', description: 'Manage application secrets', sessionDuration: 'PT2H', managed: ['SecretsManagerReadWrite'], tier: 'specialist' },
];

/** Documents of the customer-managed policies that permission sets reference by name. */
export const REFERENCED_POLICY_DOCUMENTS: Readonly<Record<string, PolicyDocument>> = {
  SecurityToolingAccess: doc('Allow', ['securityhub:Get*', 'securityhub:List*', 'inspector2:List*', 'access-analyzer:List*']),
  DataLakeReadAccess: doc('Allow', ['s3:GetObject', 's3:ListBucket', 'glue:GetTable', 'glue:GetDatabase', 'lakeformation:GetDataAccess']),
  DevelopersPermissionsBoundary: doc('Allow', ['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'sqs:*', 'sns:*']),
};

/** Regional variants used once the catalogue runs out (`DeveloperAccess-EU`); names stay within AWS's 32 characters. */
const VARIANTS = ['EU', 'US', 'APAC', 'Contractors', 'Temp', 'Legacy'];

/** The first `count` permission sets, with managed policy names resolved to ARNs. */
export function choosePermissionSets(count: number): (PermissionSetDef & { managedArns: string[] })[] {
  const out: (PermissionSetDef & { managedArns: string[] })[] = [];
  const n = PERMISSION_SET_CATALOGUE.length;
  for (let i = 0; i < count; i++) {
    const base = PERMISSION_SET_CATALOGUE[i % n] as PermissionSetDef;
    const variant = i < n ? '' : `-${VARIANTS[(Math.floor(i / n) - 1) % VARIANTS.length]}${i >= n * (VARIANTS.length + 1) ? Math.floor(i / n) : ''}`;
    const name = `${base.name.slice(0, 32 - variant.length)}${variant}`;
    out.push({ ...base, name, managedArns: base.managed.map(managedArn) });
  }
  return out;
}
