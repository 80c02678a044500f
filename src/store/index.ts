// The store's surface: what the other capabilities, the doors, tests and benchmarks may use.
export { openStore, migrateStore, type Store, type StoreOptions } from './open.ts';
export * from './db.ts';
export { queryRows } from './rows.ts';
export { STORE_ERRORS, databaseFailure, isUniqueViolation } from './errors.ts';
export { storeStatus, type StoreStatus } from './status.ts';
export {
  stageItems,
  recordSnapshot,
  commitSnapshot,
  failSnapshot,
  discardUnfinishedStages,
  discardKeptStaging,
  toStoredError,
  type SnapshotChanges,
} from './inventory.ts';
export { connectorArchived, lockConnectorRow, lockLiveConnector } from './live-connector.ts';
export * from './schema/index.ts';
