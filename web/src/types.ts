/** API response shapes shared by several pages (see the API contract); page-only shapes live in their page. */

export type Role = 'super_admin' | 'connector_admin' | 'auditor' | 'person';

export type Me = {
  user: { id: string | null; displayName: string; email: string | null; role: Role; roleLabel: string };
  via: 'session' | 'token';
  csrfToken: string | null;
  simulation: { endpoint: string; connectorId: string } | null;
};

export type AuthMethods = { local: boolean; oidc: { issuer: string } | null; simulated: boolean };

/** An error as the API reports it inside a run or task (not a failed HTTP call: that is ApiError). */
export type ProblemView = { code: string; message: string; fix?: string };

export type AccessRecord = {
  grantId: number;
  /** The connector that synced the grant, and can revoke it. */
  connectorId: string;
  principalType: string;
  principalId: string;
  principalName: string | null;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  entitlement: string | null;
  permissionSetArn: string | null;
  via: string | null;
  viaName: string | null;
  seenFrom: string;
};

export type TaskStatus = 'pending' | 'running' | 'succeeded' | 'failed';

export type TaskView = {
  id: string;
  connectorId: string;
  action: 'grant' | 'revoke';
  status: TaskStatus;
  entitlement: { key: string; displayName: string; resourceType: string; resourceExternalId: string };
  principal: { type: string; externalId: string; displayName: string };
  actor: string;
  reason: string | null;
  trigger: string;
  attempts: number;
  requestId: string | null;
  outcome: 'applied' | 'already' | null;
  verified: boolean | null;
  error: ProblemView | null;
  observedRunId: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type SyncStatus = 'running' | 'succeeded' | 'failed';

/** Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout. */
export type RetryCounts = { throttled: number; serverError: number; network: number };

export type SyncRunView = {
  id: number;
  connectorId: string;
  connectorName: string;
  status: SyncStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, number>;
  changes: Record<string, number>;
  apiCalls: { total: number; throttled: number; retries: RetryCounts; operations: { operation: string; calls: number; retries: RetryCounts }[] };
  warnings: ProblemView[];
  error: ProblemView | null;
  progress: { stage: string; detail?: string; items: number; apiCalls: number; throttled: number; retries?: RetryCounts } | null;
  /** The run's last sign of life. */
  heartbeatAt: string;
  /** Running, yet silent past the threshold: its process most likely died, and the next sync resumes it. */
  stale: boolean;
};

export type ConnectorStatus = 'not_connected' | 'syncing' | 'connected' | 'error';

export type ConnectorConfig = {
  roleArn?: string;
  externalId: string;
  organizations: boolean;
  identityCenterRegion?: string;
  scimEndpoint?: string;
  crossAccountRoleName?: string;
  endpoint?: string;
  region: string;
};

export type ConnectorView = {
  id: string;
  name: string;
  kind: 'aws';
  owners: string[];
  config: ConnectorConfig;
  hasScimToken: boolean;
  status: ConnectorStatus;
  lastRun: SyncRunView | null;
  simulated: boolean;
  createdAt: string;
  updatedAt: string;
  /** Set once removed: it no longer syncs or provisions, its history stays readable. */
  archivedAt: string | null;
  archivedBy: string | null;
  archivedByName: string | null;
  /** For an archived connector (GET one): what deleting its data for good would erase. */
  history?: { runs: number; resources: number; entitlements: number; grants: number; tasks: number };
};
