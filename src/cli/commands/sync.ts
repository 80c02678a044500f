import { Command } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import type { RunDiff as Diff } from '../../access/index.ts';
import { describeRetries, summarizeApiCalls, type SyncProgress, type SyncRun as Run } from '../../sync/index.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';
import { CONNECTOR_ERRORS } from '../../connectors/index.ts';

export function syncCommand(): Command {
  return new Command('sync')
    .argument('[connector]', 'connector name or id (default: every connector)')
    .description('sync who has access to what, with progress and a summary')
    .option('--json', 'print the outcome as JSON')
    .action(async (name: string | undefined, flags: { json?: boolean }) => {
      await withApp(async ({ runs, access, connectors, syncRunner }) => {
        const targets = name ? [await connectors.live(name)] : await connectors.list();
        if (targets.length === 0) throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_REQUIRED, 'There is no connector to sync.', { fix: 'Add one with `rrcu connector add aws …`.' });
        const outcomes = [];
        for (const record of targets) {
          const progress = flags.json ? undefined : progressPrinter(record.name);
          const started = Date.now();
          try {
            const outcome = await syncRunner.runNow(record.id, cliActor(), progress?.update);
            progress?.stop();
            const previous = await runs.lastSucceededRun(record.id, outcome.run.id);
            const diff = previous ? await access.diffRuns(previous.id, outcome.run.id) : undefined;
            outcomes.push({ connector: record.name, ...outcome, durationMs: Date.now() - started, diff });
            if (!flags.json) process.stdout.write(summary(record.name, outcome.run, Date.now() - started, diff));
          } catch (e) {
            progress?.stop();
            throw e;
          }
        }
        if (flags.json) printJson(outcomes);
      });
    });
}


function summary(name: string, run: Run, ms: number, diff: Diff | undefined): string {
  const lines = [`\n${name}: sync run ${run.id} ${run.status} in ${(ms / 1000).toFixed(1)} s`];
  lines.push('  items:');
  for (const [k, v] of Object.entries(run.counts).sort()) lines.push(`    ${k.padEnd(28)} ${v}`);
  const calls = summarizeApiCalls(run.apiCalls);
  const retried = describeRetries(calls.retries);
  lines.push(`  API calls: ${calls.total}${retried ? ` (retried: ${retried})` : ''}`);
  for (const o of calls.operations) {
    const opRetried = describeRetries(o.retries);
    lines.push(`    ${o.operation.padEnd(48)} ${o.calls}${opRetried ? `  (retried: ${opRetried})` : ''}`);
  }
  for (const w of run.warnings) lines.push(`  warning: ${w.message}${w.fix ? `\n    fix: ${w.fix}` : ''}`);
  if (diff) {
    const n = (c: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => `+${c.added.length} −${c.removed.length} ~${c.changed.length}`;
    lines.push(`  since run ${diff.fromRunId}: grants ${n(diff.grants)}, resources ${n(diff.resources)}, entitlements ${n(diff.entitlements)} (details: rrcu diff)`);
  } else {
    lines.push('  first sync of this connector');
  }
  return `${lines.join('\n')}\n`;
}

/** A one-line live status on a terminal; a line per new stage when piped, so CI logs stay readable. */
function progressPrinter(name: string) {
  const tty = process.stderr.isTTY;
  // Stages run side by side (Identity Center beside IAM), so the stage flips often: log each stage once.
  const logged = new Set<string>();
  return {
    update(p: SyncProgress) {
      const line = `${name}: ${p.stage}${p.detail ? ` (${p.detail})` : ''} — ${p.items} items, ${p.apiCalls} API calls${describeRetries(p.retries) ? `, retried: ${describeRetries(p.retries)}` : ''}`;
      if (tty) process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
      else if (!logged.has(p.stage)) {
        logged.add(p.stage);
        process.stderr.write(`${line}\n`);
      }
    },
    stop() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}
