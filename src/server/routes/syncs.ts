import { z } from 'zod';
import type { App } from '../../app.ts';
import { diffRowSchema, type DiffRow } from '../../access/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { Change, Classified } from '../../core/diff.ts';
import { syncRunViewSchema, toSyncRunView } from '../../sync/index.ts';
import type { ServerApp } from '../server-app.ts';
import { READERS } from '../auth/access.ts';
import { STORE_ERRORS } from '../../store/index.ts';

const changesSchema = z.object({
  added: z.array(diffRowSchema),
  removed: z.array(diffRowSchema),
  changed: z.array(diffRowSchema.extend({ before: diffRowSchema.optional().describe('The version before the change') })),
  counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }).describe('Whole counts; the lists stop at `limit`'),
});

const runParams = z.object({ id: z.coerce.number().int().min(1) });

export function syncRoutes(server: ServerApp, app: App): void {
  const runOf = async (id: number) => {
    const run = await app.runs.getSyncRun(id);
    if (!run) throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_FOUND, `Sync run ${id} does not exist.`, { fix: 'List runs with GET /api/syncs.' });
    return run;
  };

  server.get('/api/syncs/schedule', {
    config: { access: READERS },
    schema: {
      operationId: 'getSyncSchedule',
      tags: ['syncs'],
      summary: 'When every connector is synced on its own (RRCU_SYNC_SCHEDULE), and the next times',
      response: { 200: z.object({ cron: z.string().nullable().describe('null: no schedule, syncs run when asked for'), timezone: z.string(), next: z.array(z.string()) }) },
    },
  }, async () => {
    const { cron, timezone, next } = await app.syncs.schedule();
    return { cron, timezone, next: next.map((d) => d.toISOString()) };
  });

  server.get('/api/syncs', {
    config: { access: READERS },
    schema: {
      operationId: 'listSyncs',
      tags: ['syncs'],
      summary: 'Sync runs, newest first, with live progress while running',
      querystring: z.object({ connectorId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(syncRunViewSchema) }) },
    },
  }, async (request) => {
    const { connectorId, limit } = request.query;
    if (connectorId) await app.connectors.find(connectorId);
    // Archived connectors too: their runs stay listed under their names.
    const names = new Map((await app.connectors.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    const runs = await app.runs.listSyncRuns(connectorId, limit);
    return { items: runs.map((run) => toSyncRunView(run, names.get(run.connectorId) ?? run.connectorId)) };
  });

  server.get('/api/syncs/:id', {
    config: { access: READERS },
    schema: { operationId: 'getSync', tags: ['syncs'], summary: 'One sync run: counts, changes, API calls per operation, warnings, error, progress', params: runParams, response: { 200: syncRunViewSchema } },
  }, async (request) => {
    const run = await runOf(request.params.id);
    return toSyncRunView(run, (await app.connectors.find(run.connectorId)).name);
  });

  server.get('/api/syncs/:id/diff', {
    config: { access: READERS },
    schema: {
      operationId: 'getSyncDiff',
      tags: ['syncs'],
      summary: "What this run changed since the connector's previous successful run (empty for a first run)",
      params: runParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(500).describe('Most rows per list') }),
      response: {
        200: z.object({ fromRunId: z.number().int().nullable(), toRunId: z.number().int(), resources: changesSchema, entitlements: changesSchema, grants: changesSchema }),
      },
    },
  }, async (request) => {
    const run = await runOf(request.params.id);
    const { limit } = request.query;
    const previous = await app.runs.lastSucceededRun(run.connectorId, run.id);
    if (!previous) {
      const none = limited({ added: [], removed: [], changed: [] }, limit);
      return { fromRunId: null, toRunId: run.id, resources: none, entitlements: none, grants: none };
    }
    const diff = await app.access.diffRuns(previous.id, run.id);
    return {
      fromRunId: previous.id,
      toRunId: run.id,
      resources: limited(diff.resources, limit),
      entitlements: limited(diff.entitlements, limit),
      grants: limited(diff.grants, limit),
    };
  });
}

/** Up to `limit` rows of each list, with the whole counts. */
function limited(changes: Classified<DiffRow>, limit: number) {
  const rows = (list: Change<DiffRow>[], side: 'before' | 'after') => list.slice(0, limit).flatMap((c) => (c[side] ? [c[side]] : []));
  return {
    added: rows(changes.added, 'after'),
    removed: rows(changes.removed, 'before'),
    changed: changes.changed.slice(0, limit).flatMap((c) => (c.after ? [{ ...c.after, ...(c.before ? { before: c.before } : {}) }] : [])),
    counts: { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length },
  };
}
