import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import { describeRetries, type SyncRunView } from '../../sync/index.ts';
import { connectorIdThroughApi, getApi, readTarget, type ApiTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import type { DiffCause, DiffRow, RunDiff } from '../../access/index.ts';
import type { Classified } from '../../core/diff.ts';
import { CONNECTOR_ERRORS } from '../../connectors/errors.ts';
import { ACCESS_ERRORS } from '../../access/errors.ts';
import { STORE_ERRORS } from '../../store/errors.ts';

const runId = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a sync run number, got '${v}'.`);
  return n;
};

export function runsCommand(): Command {
  return new Command('runs')
    .argument('[connector]', 'connector name or id (default: all)')
    .description('list sync runs: status, duration, counts, API calls, errors')
    .option('--limit <n>', 'how many', runId, 20)
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, flags: { limit: number; json?: boolean }) => {
      const runs = await listRuns(name, flags.limit);
      if (flags.json) return printJson(runs);
      if (runs.length === 0) return void process.stdout.write('No sync runs yet. Run `rrcu sync`.\n');
      for (const r of runs) {
        const secs = r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : '…';
        const retried = describeRetries(r.apiCalls.retries);
        const grants = r.counts.grant ?? 0;
        process.stdout.write(`${String(r.id).padStart(5)}  ${(r.stale ? 'interrupted' : r.status).padEnd(11)} ${r.startedAt}  ${secs.padStart(8)}  ${String(grants).padStart(7)} grants  ${String(r.apiCalls.total).padStart(6)} calls${retried ? ` (retried: ${retried})` : ''}${r.error ? `  ${r.error.code}: ${r.error.message}` : ''}\n`);
        if (r.stale) process.stdout.write(`       no sign of life for ${age(Date.now() - new Date(r.heartbeatAt).getTime())}: its process most likely died; the next sync resumes it (rrcu sync)\n`);
      }
    });
}

/**
 * Sync runs as GET /api/syncs shows them, newest first: from the running server's API when RRCU_URL is
 * set, else from the store. The API answers at most 200 at a time, newest first.
 */
async function listRuns(name: string | undefined, limit: number): Promise<SyncRunView[]> {
  const target = readTarget();
  if (target) {
    const connectorId = name ? await connectorIdThroughApi(target, name) : undefined;
    return (await getApi<{ items: SyncRunView[] }>(target, '/api/syncs', { connectorId, limit: Math.min(limit, 200) })).items;
  }
  return withApp(async ({ runs, connectors }) => {
    const { toSyncRunView } = await import('../../sync/index.ts');
    const connectorId = name ? (await connectors.find(name)).id : undefined;
    // Archived connectors too: their runs stay listed under their names, as the API lists them.
    const names = new Map((await connectors.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    return (await runs.listSyncRuns(connectorId, limit)).map((run) => toSyncRunView(run, names.get(run.connectorId) ?? run.connectorId));
  });
}

/** 45 s, 12 min, 5 h, 3 days: how long ago, as a reader wants it. */
function age(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export function diffCommand(): Command {
  return new Command('diff')
    .argument('[connector]', 'connector name or id (needed when there are several)')
    .description('what changed between two sync runs (default: the last two successful ones)')
    .option('--from <run>', 'the earlier run', runId)
    .option('--to <run>', 'the later run', runId)
    .option('--keys', 'print each change\'s inventory key under it')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, flags: { from?: number; to?: number; keys?: boolean; json?: boolean }) => {
      const diff = await findDiff(name, flags);
      const { fromRunId: from, toRunId: to } = diff;
      if (flags.json) return printJson(diff);
      const lines = [`Changes from run ${from} to run ${to}:`];
      const keyOf = (key: string) => (flags.keys ? [`      ${key}`] : []);
      for (const kind of ['grants', 'resources', 'entitlements'] as const) {
        const c = diff[kind];
        lines.push(`${kind}: ${c.added.length} added, ${c.removed.length} removed, ${c.changed.length} changed`);
        for (const { after } of c.added) lines.push(`  + ${after!.summary}${kind === 'grants' ? `  [${describeCause(after!.cause)}]` : ''}`, ...keyOf(after!.key));
        for (const { before } of c.removed) lines.push(`  - ${before!.summary}${kind === 'grants' ? `  [${describeCause(before!.cause)}]` : ''}`, ...keyOf(before!.key));
        for (const { before, after } of c.changed) lines.push(`  ~ ${after!.summary}${before!.summary !== after!.summary ? ` (was ${before!.summary})` : ''}`, ...keyOf(after!.key));
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

type DiffFlags = { from?: number; to?: number };
const nothingToDiff = () => new RrcuError(ACCESS_ERRORS.NOTHING_TO_DIFF, 'A diff needs two successful sync runs of the connector.', { fix: 'Run `rrcu sync` again, or give --from and --to.' });

/** The runs to compare (default: the connector's last two successful ones) and what changed between them. */
async function findDiff(name: string | undefined, flags: DiffFlags): Promise<RunDiff> {
  const target = readTarget();
  if (target) return diffThroughApi(target, name, flags);
  return withApp(async ({ runs, access, connectors }) => {
    let to = flags.to;
    let from = flags.from;
    if (to === undefined || from === undefined) {
      const connectorId =
        to !== undefined ? (await runs.getSyncRun(to))?.connectorId : (name ? await connectors.find(name) : await connectors.sole()).id;
      if (!connectorId) throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_FOUND, `Sync run ${to} does not exist.`, { fix: 'List runs with `rrcu runs`.' });
      to ??= (await runs.lastSucceededRun(connectorId))?.id;
      from ??= to === undefined ? undefined : (await runs.lastSucceededRun(connectorId, to))?.id;
      if (to === undefined || from === undefined) throw nothingToDiff();
    }
    return access.diffRuns(from, to);
  });
}

type ApiChanges = { added: DiffRow[]; removed: DiffRow[]; changed: (DiffRow & { before?: DiffRow })[]; counts: { added: number; removed: number; changed: number } };
type ApiDiff = { fromRunId: number | null; toRunId: number; resources: ApiChanges; entitlements: ApiChanges; grants: ApiChanges };

/**
 * The diff through GET /api/syncs/:id/diff, which compares a run with its connector's previous successful
 * run: the default pair, or --to with that run; another --from needs the store. Its rows are put back as
 * changes, so both ways print alike.
 */
async function diffThroughApi(target: ApiTarget, name: string | undefined, flags: DiffFlags): Promise<RunDiff> {
  let to = flags.to;
  if (to === undefined) {
    const connectorId = name ? await connectorIdThroughApi(target, name) : await soleConnectorThroughApi(target);
    // Newest first: the first successful one is the last.
    const { items } = await getApi<{ items: SyncRunView[] }>(target, '/api/syncs', { connectorId, limit: 200 });
    to = items.find((r) => r.status === 'succeeded')?.id;
    if (to === undefined) throw nothingToDiff();
  }
  const run = await getApi<SyncRunView>(target, `/api/syncs/${to}`);
  const diff = await getApi<ApiDiff>(target, `/api/syncs/${to}/diff`, { limit: API_DIFF_ROWS });
  if (diff.fromRunId === null) throw nothingToDiff();
  if (flags.from !== undefined && flags.from !== diff.fromRunId) {
    throw new RrcuError(ACCESS_ERRORS.NOTHING_TO_DIFF, `Through the API (RRCU_URL), run ${to} compares only with run ${diff.fromRunId}, the previous successful run of its connector, not run ${flags.from}.`, {
      fix: `Give --from ${diff.fromRunId}, or leave RRCU_URL unset and run \`rrcu diff\` where the store is (with \`rrcu start\` stopped, for the embedded store).`,
    });
  }
  const kinds = [diff.resources, diff.entitlements, diff.grants];
  if (kinds.some((c) => c.added.length < c.counts.added || c.removed.length < c.counts.removed || c.changed.length < c.counts.changed)) {
    process.stderr.write(`Only the first ${API_DIFF_ROWS} changes of each kind are shown: the API answers no more.\n`);
  }
  const changes = (c: ApiChanges): Classified<DiffRow> => ({
    added: c.added.map((after) => ({ key: after.key, after })),
    removed: c.removed.map((before) => ({ key: before.key, before })),
    changed: c.changed.map(({ before, ...after }) => ({ key: after.key, after, ...(before ? { before } : {}) })),
  });
  return { connectorId: run.connectorId, fromRunId: diff.fromRunId, toRunId: to, resources: changes(diff.resources), entitlements: changes(diff.entitlements), grants: changes(diff.grants) };
}

/** The most rows of each list GET /api/syncs/:id/diff answers. */
const API_DIFF_ROWS = 10_000;

/** The one live connector, as `app.connectors.sole` finds it in the store. */
async function soleConnectorThroughApi(target: ApiTarget): Promise<string> {
  const live = (await getApi<{ items: { id: string; name: string; archivedAt: string | null }[] }>(target, '/api/connectors')).items.filter((c) => c.archivedAt === null);
  if (live.length === 1) return live[0]!.id;
  throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_REQUIRED, live.length === 0 ? 'There is no connector yet.' : `There are ${live.length} connectors; say which one.`, {
    fix: live.length === 0 ? 'Add one with `rrcu connector add aws …`.' : `Name one of: ${live.map((c) => c.name).join(', ')}.`,
  });
}

/** `task 5fed5059 by Nora Lind (nora@example.com), review rv-12: incident 42`, or `made outside RRCU`. */
function describeCause(cause: DiffCause | null): string {
  if (!cause) return 'made outside RRCU';
  const trigger = cause.trigger === 'manual' ? '' : `, ${cause.trigger}${cause.triggerRef ? ` ${cause.triggerRef}` : ''}`;
  return `task ${cause.taskId} by ${cause.actorName ?? cause.actor}${trigger}${cause.reason ? `: ${cause.reason}` : ''}`;
}
