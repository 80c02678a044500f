import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import { describeRetries, summarizeApiCalls } from '../../sync/index.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import type { DiffCause } from '../../access/index.ts';
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
      await withApp(async ({ runs: syncRuns, connectors }) => {
        const { isStaleRun } = await import('../../sync/index.ts');
        const connectorId = name ? (await connectors.find(name)).id : undefined;
        const runs = await syncRuns.listSyncRuns(connectorId, flags.limit);
        if (flags.json) return printJson(runs.map((r) => ({ ...r, stale: isStaleRun(r) })));
        if (runs.length === 0) return void process.stdout.write('No sync runs yet. Run `rrcu sync`.\n');
        for (const r of runs) {
          const stale = isStaleRun(r);
          const secs = r.finishedAt ? `${((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1)} s` : '…';
          const { total: calls, retries } = summarizeApiCalls(r.apiCalls);
          const retried = describeRetries(retries);
          const grants = r.counts.grant ?? 0;
          process.stdout.write(`${String(r.id).padStart(5)}  ${(stale ? 'interrupted' : r.status).padEnd(11)} ${r.startedAt.toISOString()}  ${secs.padStart(8)}  ${String(grants).padStart(7)} grants  ${String(calls).padStart(6)} calls${retried ? ` (retried: ${retried})` : ''}${r.error ? `  ${r.error.code}: ${r.error.message}` : ''}\n`);
          if (stale) process.stdout.write(`       no sign of life for ${age(Date.now() - r.heartbeatAt.getTime())}: its process most likely died; the next sync resumes it (rrcu sync)\n`);
        }
      });
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
      await withApp(async ({ runs, access, connectors }) => {
        let to = flags.to;
        let from = flags.from;
        if (to === undefined || from === undefined) {
          const connectorId =
            to !== undefined ? (await runs.getSyncRun(to))?.connectorId : (name ? await connectors.find(name) : await connectors.sole()).id;
          if (!connectorId) throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_FOUND, `Sync run ${to} does not exist.`, { fix: 'List runs with `rrcu runs`.' });
          to ??= (await runs.lastSucceededRun(connectorId))?.id;
          from ??= to === undefined ? undefined : (await runs.lastSucceededRun(connectorId, to))?.id;
          if (to === undefined || from === undefined) {
            throw new RrcuError(ACCESS_ERRORS.NOTHING_TO_DIFF, 'A diff needs two successful sync runs of the connector.', { fix: 'Run `rrcu sync` again, or give --from and --to.' });
          }
        }
        const diff = await access.diffRuns(from, to);
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
    });
}

/** `task 5fed5059 by Nora Lind (nora@example.com), review rv-12: incident 42`, or `made outside RRCU`. */
function describeCause(cause: DiffCause | null): string {
  if (!cause) return 'made outside RRCU';
  const trigger = cause.trigger === 'manual' ? '' : `, ${cause.trigger}${cause.triggerRef ? ` ${cause.triggerRef}` : ''}`;
  return `task ${cause.taskId} by ${cause.actorName ?? cause.actor}${trigger}${cause.reason ? `: ${cause.reason}` : ''}`;
}
