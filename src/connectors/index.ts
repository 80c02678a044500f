// The connectors' surface: what the composition root, the doors, sync, provisioning, tests and benchmarks use.
// A door gets the service from the app (`app.connectors`); the contract is what sync and provisioning drive.
export { createConnectorService, type BaseCredentials, type ConnectorService, type ConnectorServiceDeps } from './service.ts';
export type { ConnectorRecord } from './records.ts';
export { savedConfigInvalid, usableConfig } from './open.ts';
export { configProblemSchema, type ConfigProblem, type StoredAwsConfig } from './validation.ts';
export type { AwsConfigPatch, ConnectorPatch, CreateConnectorInput } from './changes.ts';
export type { ArchiveContext, ArchiveStep, ConnectorHistoryCounts } from './archive.ts';
export type { EndpointPolicy } from './endpoint-policy.ts';
export { CONNECTOR_ERRORS } from './errors.ts';
export * from './connector.ts';
// The AWS connector, the one kind today, as the doors, provisioning, tests and benchmarks use it; its privileged-access
// rules too, for the capabilities that show or review access.
export {
  actionsInUse,
  inlinePolicy,
  assessPrivileged,
  ASSIGNMENT_OPERATIONS_IN_FLIGHT,
  AWS_ERRORS,
  AWS_RESOURCE_TYPES,
  awsConfigFields,
  awsConnectorConfigSchema,
  createAwsConnector,
  createAwsProvisioner,
  createAwsSession,
  DEFAULT_CROSS_ACCOUNT_ROLE,
  isThrottlingError,
  PRIVILEGED_AWS_MANAGED_POLICIES,
  type AwsConnectorConfig,
  type AwsProvisioner,
  type AwsSession,
  type AwsSessionOptions,
  type PolicyToAssess,
  type PrivilegedVerdict,
  type ProvisionTuning,
} from './aws/index.ts';
