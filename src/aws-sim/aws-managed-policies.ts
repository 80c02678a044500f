/**
 * A catalogue of AWS-managed policies with their real names, paths and ARNs, and short documents
 * in the spirit of the real ones (the real documents run to thousands of actions; these keep the
 * decisive statements so policy evaluation in the simulator behaves alike for the common cases).
 */
import { derivedIamId } from './ids.ts';
import type { ManagedPolicy, PolicyDocument } from './state.ts';

type CatalogueEntry = { name: string; path?: string; description: string; actions: string[]; notActions?: string[] };

const allow = (actions: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
});

const CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'AdministratorAccess', description: 'Provides full access to AWS services and resources.', actions: ['*'] },
  {
    name: 'PowerUserAccess',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    actions: [],
    notActions: ['iam:*', 'organizations:*', 'account:*'],
  },
  { name: 'ReadOnlyAccess', description: 'Provides read-only access to AWS services and resources.', actions: ['*:Describe*', '*:Get*', '*:List*', 's3:GetObject', 'cloudtrail:LookupEvents'] },
  { name: 'ViewOnlyAccess', path: '/job-function/', description: 'This policy grants permissions to view resources and basic metadata across all AWS services.', actions: ['*:List*', '*:Describe*', 's3:ListAllMyBuckets', 'cloudwatch:GetMetricData'] },
  { name: 'SecurityAudit', description: 'The security audit template grants access to read security configuration metadata.', actions: ['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport', 'cloudtrail:Describe*', 'cloudtrail:GetTrailStatus', 'config:Describe*', 'guardduty:Get*', 'guardduty:List*', 'organizations:Describe*', 'organizations:List*', 's3:GetBucketPolicy', 's3:GetBucketAcl', 'kms:List*', 'kms:Describe*'] },
  { name: 'Billing', path: '/job-function/', description: 'Grants permissions for billing and cost management.', actions: ['aws-portal:*', 'budgets:*', 'ce:*', 'cur:*', 'billing:*', 'payments:*', 'tax:*', 'pricing:*', 'account:GetAccountInformation'] },
  { name: 'DatabaseAdministrator', path: '/job-function/', description: 'Grants full access permissions to AWS services and actions required to set up and configure AWS database services.', actions: ['rds:*', 'dynamodb:*', 'elasticache:*', 'redshift:*', 'dax:*', 'cloudwatch:*', 'logs:*', 'kms:ListAliases'] },
  { name: 'DataScientist', path: '/job-function/', description: 'Grants permissions to AWS data analytics services.', actions: ['sagemaker:*', 'athena:*', 'glue:*', 'emr:*', 'elasticmapreduce:*', 'kinesis:*', 's3:GetObject', 's3:ListBucket', 'cloudwatch:*'] },
  { name: 'NetworkAdministrator', path: '/job-function/', description: 'Grants full access permissions to AWS services and actions required to set up and configure AWS network resources.', actions: ['ec2:*Vpc*', 'ec2:*Subnet*', 'ec2:*Route*', 'ec2:*Gateway*', 'ec2:*NetworkAcl*', 'ec2:Describe*', 'route53:*', 'directconnect:*', 'elasticloadbalancing:*', 'cloudfront:*'] },
  { name: 'SystemAdministrator', path: '/job-function/', description: 'Grants full access permissions necessary for resources required for application and development operations.', actions: ['ec2:*', 'autoscaling:*', 'cloudwatch:*', 'logs:*', 'ssm:*', 'lambda:*', 'elasticloadbalancing:*', 'iam:PassRole'] },
  { name: 'SupportUser', path: '/job-function/', description: 'This policy grants permissions to troubleshoot and resolve issues in an AWS account.', actions: ['support:*', '*:Describe*', '*:List*', 'trustedadvisor:*'] },
  { name: 'AWSSupportAccess', description: 'Allow users to access the AWS Support Center.', actions: ['support:*'] },
  { name: 'IAMReadOnlyAccess', description: 'Provides read only access to IAM via the AWS Management Console.', actions: ['iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'] },
  { name: 'IAMFullAccess', description: 'Provides full access to IAM via the AWS Management Console.', actions: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:ListAccounts'] },
  { name: 'AmazonS3ReadOnlyAccess', description: 'Provides read only access to all buckets via the AWS Management Console.', actions: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'] },
  { name: 'AmazonS3FullAccess', description: 'Provides full access to all buckets via the AWS Management Console.', actions: ['s3:*', 's3-object-lambda:*'] },
  { name: 'AmazonEC2ReadOnlyAccess', description: 'Provides read only access to Amazon EC2 via the AWS Management Console.', actions: ['ec2:Describe*', 'elasticloadbalancing:Describe*', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'autoscaling:Describe*'] },
  { name: 'AmazonEC2FullAccess', description: 'Provides full access to Amazon EC2 via the AWS Management Console.', actions: ['ec2:*', 'elasticloadbalancing:*', 'cloudwatch:*', 'autoscaling:*'] },
  { name: 'AmazonDynamoDBReadOnlyAccess', description: 'Provides read only access to Amazon DynamoDB via the AWS Management Console.', actions: ['dynamodb:BatchGetItem', 'dynamodb:Describe*', 'dynamodb:List*', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'] },
  { name: 'AmazonRDSReadOnlyAccess', description: 'Provides read only access to Amazon RDS via the AWS Management Console.', actions: ['rds:Describe*', 'rds:ListTagsForResource', 'ec2:DescribeAccountAttributes', 'cloudwatch:GetMetricStatistics'] },
  { name: 'AWSLambda_FullAccess', description: 'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.', actions: ['lambda:*', 'logs:DescribeLogGroups', 'logs:GetLogEvents', 'iam:PassRole', 'cloudformation:DescribeStacks'] },
  { name: 'AmazonECS_FullAccess', description: 'Provides administrative access to Amazon ECS resources.', actions: ['ecs:*', 'ecr:*', 'elasticloadbalancing:*', 'application-autoscaling:*', 'iam:PassRole'] },
  { name: 'CloudWatchReadOnlyAccess', description: 'Provides read only access to CloudWatch.', actions: ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'logs:Get*', 'logs:List*', 'logs:Describe*', 'logs:StartQuery', 'logs:FilterLogEvents'] },
  { name: 'CloudWatchLogsReadOnlyAccess', description: 'Provides read only access to CloudWatch Logs.', actions: ['logs:Describe*', 'logs:Get*', 'logs:List*', 'logs:StartQuery', 'logs:StopQuery', 'logs:TestMetricFilter', 'logs:FilterLogEvents'] },
  { name: 'AWSCloudTrail_ReadOnlyAccess', description: 'Provides read only access to AWS CloudTrail.', actions: ['cloudtrail:Get*', 'cloudtrail:Describe*', 'cloudtrail:List*', 'cloudtrail:LookupEvents'] },
  { name: 'AmazonAthenaFullAccess', description: 'Provide full access to Amazon Athena and scoped access to the dependencies needed to enable querying, writing results, and data management.', actions: ['athena:*', 'glue:Get*', 'glue:BatchGet*', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:PutObject'] },
  { name: 'AmazonRedshiftReadOnlyAccess', description: 'Provides read only access to Amazon Redshift via the AWS Management Console.', actions: ['redshift:Describe*', 'redshift:View*', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'cloudwatch:GetMetricStatistics'] },
  { name: 'AmazonSageMakerFullAccess', description: 'Provides full access to Amazon SageMaker via the AWS Management Console and SDK.', actions: ['sagemaker:*', 'ecr:Get*', 'ecr:BatchGetImage', 'logs:*', 'iam:PassRole', 's3:GetObject', 's3:ListBucket'] },
  { name: 'AmazonVPCFullAccess', description: 'Provides full access to Amazon VPC via the AWS Management Console.', actions: ['ec2:*Vpc*', 'ec2:*Subnet*', 'ec2:*Gateway*', 'ec2:*Route*', 'ec2:*Address*', 'ec2:*SecurityGroup*', 'ec2:*NetworkAcl*', 'ec2:Describe*'] },
  { name: 'AmazonRoute53FullAccess', description: 'Provides full access to all Amazon Route 53 via the AWS Management Console.', actions: ['route53:*', 'route53domains:*', 'cloudfront:ListDistributions', 'elasticloadbalancing:DescribeLoadBalancers'] },
  { name: 'AWSKeyManagementServicePowerUser', description: 'Provides access to AWS Key Management Service (KMS).', actions: ['kms:CreateAlias', 'kms:CreateKey', 'kms:DeleteAlias', 'kms:Describe*', 'kms:GenerateRandom', 'kms:Get*', 'kms:List*', 'kms:TagResource', 'kms:UntagResource'] },
  { name: 'AmazonGuardDutyReadOnlyAccess', description: 'Provides read only access to Amazon GuardDuty resources.', actions: ['guardduty:Describe*', 'guardduty:Get*', 'guardduty:List*', 'organizations:ListDelegatedAdministrators', 'organizations:ListAWSServiceAccessForOrganization'] },
  { name: 'AWSSecurityHubReadOnlyAccess', description: 'Provides read only access to AWS Security Hub resources.', actions: ['securityhub:Get*', 'securityhub:List*', 'securityhub:BatchGet*', 'securityhub:Describe*'] },
  { name: 'AWSCloudFormationFullAccess', description: 'Provides full access to AWS CloudFormation.', actions: ['cloudformation:*'] },
  { name: 'SecretsManagerReadWrite', description: 'Provides read/write access to AWS Secrets Manager via the AWS Management Console.', actions: ['secretsmanager:*', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys', 'lambda:ListFunctions'] },
  { name: 'AWSBillingReadOnlyAccess', description: 'Allows users to view bills on the Billing Console.', actions: ['account:GetAccountInformation', 'billing:Get*', 'billing:List*', 'ce:Describe*', 'ce:Get*', 'ce:List*', 'cur:Describe*', 'payments:List*', 'tax:Get*'] },
  { name: 'AmazonEKSClusterPolicy', description: 'This policy provides Kubernetes the permissions it requires to manage resources on your behalf.', actions: ['autoscaling:DescribeAutoScalingGroups', 'ec2:Describe*', 'ec2:CreateTags', 'elasticloadbalancing:*', 'kms:DescribeKey'] },
  { name: 'AWSOrganizationsReadOnlyAccess', description: 'Provides read-only access to AWS Organizations.', actions: ['organizations:Describe*', 'organizations:List*', 'account:GetAlternateContact', 'account:ListRegions'] },
  { name: 'AWSSSOReadOnly', description: 'Provides read-only access to AWS IAM Identity Center configuration.', actions: ['sso:Describe*', 'sso:Get*', 'sso:List*', 'identitystore:Describe*', 'identitystore:List*', 'organizations:DescribeOrganization', 'organizations:ListAccounts'] },
  { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', description: 'Provides write permissions to CloudWatch Logs.', actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'] },
  { name: 'AWSConfigRole', path: '/service-role/', description: 'Allows access to other AWS service resources that are required by AWS Config.', actions: ['config:Put*', 'config:Get*', 'config:List*', 'config:Describe*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 's3:GetBucket*'] },
  { name: 'AWSBackupServiceRolePolicyForBackup', path: '/service-role/', description: 'Provides AWS Backup permission to create backups of supported resource types on your behalf.', actions: ['backup:*', 'ec2:CreateSnapshot', 'ec2:DescribeSnapshots', 'rds:CreateDBSnapshot', 'dynamodb:CreateBackup'] },
  { name: 'AWSSupportServiceRolePolicy', path: '/aws-service-role/', description: 'Enables resource access for AWS to provide billing, administrative and support services.', actions: ['support:*', 'iam:Get*', 'iam:List*', 'ec2:Describe*', 'organizations:Describe*', 'organizations:List*'] },
  { name: 'AWSTrustedAdvisorServiceRolePolicy', path: '/aws-service-role/', description: 'Access for the AWS Trusted Advisor Service to help reduce cost, increase performance, and improve security of your AWS environment.', actions: ['trustedadvisor:*', 'ec2:Describe*', 'iam:GetAccountSummary', 'cloudtrail:DescribeTrails', 's3:GetBucketAcl'] },
  { name: 'AWSOrganizationsServiceTrustPolicy', path: '/aws-service-role/', description: 'Policy to allow AWS Organizations to share trust with other AWS services.', actions: ['iam:DeleteRole', 'iam:CreateServiceLinkedRole'] },
  { name: 'AWSSSOServiceRolePolicy', path: '/aws-service-role/', description: 'Grants AWS SSO permissions to manage AWS resources, including IAM roles, policies and SAML IdP on your behalf.', actions: ['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:GetRole', 'iam:ListRolePolicies', 'iam:PutRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:CreateSAMLProvider', 'iam:GetSAMLProvider', 'iam:UpdateSAMLProvider', 'iam:DeleteSAMLProvider', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:ListAccounts'] },
  { name: 'AmazonSSMManagedInstanceCore', description: 'The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.', actions: ['ssm:DescribeAssociation', 'ssm:GetDocument', 'ssm:UpdateInstanceInformation', 'ssmmessages:*', 'ec2messages:*'] },
];

export function awsManagedPolicyArn(name: string, path = '/'): string {
  return `arn:aws:iam::aws:policy${path}${name}`;
}

/** The ARN of a catalogue policy by name; throws when the catalogue lacks it (a seeder bug). */
export function managedArn(name: string): string {
  const entry = CATALOGUE.find((e) => e.name === name);
  if (!entry) throw new Error(`AWS-managed policy ${name} is not in the simulator's catalogue (aws-managed-policies.ts)`);
  return awsManagedPolicyArn(entry.name, entry.path);
}

/**
 * A fresh map of the catalogue (attachment counts start at 0; the seeder counts them). AWS's
 * managed policies carry their own version history; `v1`…`v9` and dates in 2015–2024 stand in for it.
 */
export function awsManagedPolicies(): Map<string, ManagedPolicy> {
  const out = new Map<string, ManagedPolicy>();
  CATALOGUE.forEach((e, i) => {
    const path = e.path ?? '/';
    const arn = awsManagedPolicyArn(e.name, path);
    const document: PolicyDocument = e.notActions
      ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: e.notActions, Resource: '*' }] }
      : allow(e.actions);
    out.set(arn, {
      policyName: e.name,
      policyId: derivedIamId('ANPA', arn),
      arn,
      path,
      description: e.description,
      document,
      createDate: new Date(Date.UTC(2015, 1, 6, 18, 39, 46)),
      updateDate: new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 27), 12, 0, 0)),
      defaultVersionId: `v${1 + (i % 9)}`,
      attachmentCount: 0,
    });
  });
  return out;
}
