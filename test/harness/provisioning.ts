import {
  CONNECTOR_ERRORS,
  createConnectorService,
  type Connector,
  type ConnectorService,
  type Provisioner,
  type ProvisioningResult,
  type ProvisioningTarget,
  type SyncEvent,
} from '../../src/connectors/index.ts';
import { ARCHIVE_STEPS } from '../../src/app.ts';
import { RrcuError } from '../../src/core/errors.ts';
import type { ProvisioningAction } from '../../src/core/provisioning-target.ts';
import { connectors, type Db } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/index.ts';

/** A connector that yields a fixed inventory: what the store holds is under test, not AWS. */
export function listConnector(events: SyncEvent[]): Connector {
  return {
    kind: 'test',
    resourceTypes: [
      { id: 'account', displayName: 'Account', isPrincipal: false },
      { id: 'sso_user', displayName: 'User', isPrincipal: true },
      { id: 'sso_group', displayName: 'Group', isPrincipal: true },
      { id: 'iam_role', displayName: 'Role', isPrincipal: true },
    ],
    async *sync() {
      yield* events;
    },
    apiCalls: () => ({}),
    close: async () => {},
  };
}

export const syncInventory = (db: Db, connectorId: string, events: SyncEvent[]) => runSync(db, connectorId, listConnector(events), { actor: 'cli:test' });

export type Call = { action: ProvisioningAction; target: ProvisioningTarget; resume?: string };

/**
 * A provisioner that records its calls and does what each test scripts: the runner's contract
 * (claiming, request ids, retries, audit) is under test; the AWS provisioner has its own tests.
 */
export function scriptedProvisioner(script: { apply?: (call: Call, onRequestId?: (id: string) => Promise<void>) => Promise<ProvisioningResult> } = {}) {
  const calls: Call[] = [];
  const provisioner: Provisioner = {
    check(action, target) {
      if (target.principal.resourceType === 'iam_role' || target.entitlement.resourceType === 'iam_role') {
        throw new RrcuError(CONNECTOR_ERRORS.NOT_PROVISIONABLE, `An IAM role cannot be ${action === 'grant' ? 'given' : 'removed from'} ${target.entitlement.displayName}.`, { fix: 'Change the role’s trust policy in AWS.' });
      }
    },
    async apply(action, target, options) {
      const call: Call = { action, target, ...(options.resume ? { resume: options.resume.requestId } : {}) };
      calls.push(call);
      return script.apply ? script.apply(call, options.onRequestId) : { outcome: 'applied', verified: true };
    },
    close: async () => {},
  };
  return { provisioner, calls, pool: { get: async () => provisioner } };
}

/** The connector records of `db`, for finding the scripted connectors by name: nothing is opened, sealed or archived through it. */
export function connectorRecords(db: Db): Pick<ConnectorService, 'live'> {
  return createConnectorService({ db, secretKey: undefined, endpoints: { allowCustomEndpoints: false }, archiveSteps: ARCHIVE_STEPS });
}

/** A connector row with valid AWS settings (the service reads them), never contacted: the provisioner is scripted. */
export async function createConnectorRow(db: Db, name: string): Promise<string> {
  const [row] = await db.insert(connectors).values({ kind: 'aws', name, config: { externalId: 'test-external-id-0123456789abcdef' } }).returning({ id: connectors.id });
  return row!.id;
}
