/**
 * The AWS simulator in a process of its own, for benchmarks that measure RRCU's process alone:
 * `simulatorProcess(options)` forks this file, which starts the simulator and sends back what a
 * connector needs (endpoint, the connector settings the setup guide would give, the RRCU host user's
 * keys). The ground truth is read over the simulator's admin API (GET /_sim/ground-truth).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GroundTruth, SimulatorOptions } from '../src/aws-sim/index.ts';
import type { AwsConnectorConfig } from '../src/connectors/index.ts';

export type SimulatorProcess = {
  pid: number;
  endpoint: string;
  config: AwsConnectorConfig;
  credentials: { accessKeyId: string; secretAccessKey: string };
  scimToken?: string;
  groundTruth(): Promise<GroundTruth>;
  /** The child's peak resident set (VmHWM), in bytes; null where /proc is not there. */
  peakRss(): number | null;
  stop(): Promise<void>;
};

type Ready = Omit<SimulatorProcess, 'pid' | 'groundTruth' | 'peakRss' | 'stop'>;

/** `optionalActions`: RRCU's optional actions the connector role is given too (as RRCU's own setup policy grants them). */
export async function simulatorProcess(options: SimulatorOptions, extra: { optionalActions?: readonly string[] } = {}): Promise<SimulatorProcess> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(options), JSON.stringify(extra.optionalActions ?? [])], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`the simulator process exited (${code}) before it was up`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...ready,
    pid: child.pid!,
    groundTruth: async () => {
      const res = await fetch(`${ready.endpoint}/_sim/ground-truth`);
      if (!res.ok) throw new Error(`GET /_sim/ground-truth answered ${res.status}`);
      return (await res.json()) as GroundTruth;
    },
    peakRss: () => {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// Run as the child: serve until told to stop.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const { startSimulator } = await import('../src/aws-sim/index.ts');
  const { allowOptionalActions, configFor } = await import('../harness/sim-session.ts');
  const sim = await startSimulator(JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions);
  const optionalActions = JSON.parse(process.argv[3] ?? '[]') as string[];
  if (optionalActions.length > 0) await allowOptionalActions(sim, optionalActions);
  const { accessKeyId, secretAccessKey, scimToken } = sim.world.rrcu;
  const stop = () => void sim.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  process.send({ endpoint: sim.endpoint, config: configFor(sim), credentials: { accessKeyId, secretAccessKey }, ...(scimToken ? { scimToken } : {}) } satisfies Ready);
}
