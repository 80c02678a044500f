// The connectors' surface: what the composition root, the doors, sync, provisioning, tests and benchmarks use.
// A door gets the service from the app (`app.connectors`); the contract is what sync and provisioning drive.
export { createConnectorService, type BaseCredentials, type ConnectorService, type ConnectorServiceDeps } from './service.ts';
export type { ConnectorRecord } from './records.ts';
export type { AwsConfigPatch, ConnectorPatch, CreateConnectorInput } from './changes.ts';
export type { ArchiveContext, ArchiveStep, ConnectorHistoryCounts } from './archive.ts';
export type { EndpointPolicy } from './endpoint-policy.ts';
export { CONNECTOR_ERRORS } from './errors.ts';
export * from './connector.ts';
