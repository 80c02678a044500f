import { z } from 'zod';
import { accessFilter, grantTotals, type AccessRow } from '../../access/index.ts';
import { columns, generated, connectorIdSchema, instantSchema, onPaper, utc, type ReportProducer, type Row } from './common.ts';
import { grantPages, pathOf, populationOf, pointInTime, runLine } from './inventory-at.ts';

const name = (what: string) => z.string().trim().min(1, `${what} is empty`).max(2048, `${what} is longer than 2048 characters`).optional();

/** The explorer's filters (access-query's AccessQuestion), by the names people know. */
const parameters = z.object({
  connectorId: connectorIdSchema,
  at: instantSchema,
  principal: name('principal'),
  account: name('account'),
  group: name('group'),
  permissionSet: name('permissionSet'),
  privileged: z.boolean().optional(),
});

export const ACCESS_COLUMNS = columns(
  ['principalType', 'Principal type'], ['principalId', 'Principal id', 2], ['principal', 'Principal', 2], ['resourceType', 'Resource type'], ['resourceId', 'Resource id', 2],
  ['resource', 'Resource', 2], ['entitlement', 'Entitlement', 2], ['path', 'Path'], ['viaGroup', 'Via group', 2], ['viaGroupId', 'Via group id'], ['privileged', 'Privileged'],
  ['seenFrom', 'Row seen from', 2], ['pendingTaskId', 'Verified by task (no sync yet)'], ['requestId', 'Via request'], ['requestExpiresAt', 'Request ends'],
);

export const accessRow = (r: AccessRow): Row => ({
  principalType: r.principalType, principalId: r.principalId, principal: r.principalName, resourceType: r.resourceType, resourceId: r.resourceId, resource: r.resourceName,
  entitlement: r.entitlement ?? r.entitlementSlug, path: pathOf(r), viaGroup: r.viaName, viaGroupId: r.via,
  privileged: r.privilegedMark ? true : typeof r.entitlementAttributes.privileged === 'boolean' ? r.entitlementAttributes.privileged : null,
  seenFrom: r.seenFrom, pendingTaskId: r.pending?.kind === 'grant' ? r.pending.taskId : null,
  requestId: r.request?.id ?? null, requestExpiresAt: r.request?.expiresAt ?? null,
});

/** Who held what at an instant, and through which path, with the population of the sync run it rests on. */
export const accessAtReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, p, by, now) {
    const { organisation, run } = await pointInTime(db, p.connectorId, p.at);
    const filter = await accessFilter(db, {
      connectorId: p.connectorId, at: p.at, ...(p.principal ? { principal: p.principal } : {}), ...(p.account ? { account: p.account } : {}),
      ...(p.group ? { group: p.group } : {}), ...(p.permissionSet ? { permissionSet: p.permissionSet } : {}), ...(p.privileged ? { privileged: true } : {}),
    });
    const totals = await grantTotals(db, filter);
    const filters = Object.entries({ principal: p.principal, account: p.account, group: p.group, permissionSet: p.permissionSet, privileged: p.privileged }).filter(([, v]) => v !== undefined);
    return {
      kind: 'access_at',
      title: `Access at ${utc(p.at)}`,
      organisation,
      period: utc(p.at),
      parameters: { ...p, at: p.at.toISOString() },
      ...generated(by, now),
      syncRunIds: [run.id],
      summary: [
        { label: 'As of', value: p.at.toISOString() },
        { label: 'Sync run in force', value: runLine(run) },
        { label: 'Filters', value: filters.length ? filters.map(([k, v]) => `${k}: ${String(v)}`).join('; ') : 'none (the whole inventory)' },
        { label: 'Grants held', value: totals.grants },
        { label: 'Held directly', value: totals.direct },
        { label: 'Held via a group', value: totals.viaGroup },
        { label: 'Principals', value: totals.principals },
        { label: 'Resources', value: totals.resources },
        { label: 'Entitlements', value: totals.entitlements },
        ...populationOf(run),
      ],
      tables: [{
        name: 'access', title: `Who held what at ${utc(p.at)}, and how`,
        // On paper, who held what and through which path; the ids and the verifying task are in the CSV and JSON.
        columns: onPaper(ACCESS_COLUMNS, ['principalType', 'principal', 'resourceType', 'resource', 'entitlement', 'path', 'viaGroup', 'privileged', 'seenFrom']),
        rows: grantPages(db, filter, (page) => page.map(accessRow)),
      }],
    };
  },
};
