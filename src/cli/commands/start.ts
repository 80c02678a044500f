import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import { untilSignalled } from '../signals.ts';
import { CLI_ERRORS } from '../errors.ts';

type StartFlags = { port?: number; host?: string; workers: boolean; simulator: boolean };

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'.`);
  return n;
}

/**
 * `rrcu start`: one process serving the API and the web UI and running the job workers, on the
 * embedded store or DATABASE_URL. With nothing connected yet, it serves a simulated organisation.
 */
export function startCommand(): Command {
  return new Command('start')
    .description('start RRCU: the web UI and API, and the workers that sync and provision')
    .option('--port <n>', 'port to listen on (default RRCU_PORT or 8080; 0 picks a free one)', port)
    .option('--host <address>', 'address to listen on (default RRCU_HOST or 127.0.0.1)')
    .option('--no-workers', 'serve only; leave syncs and provisioning to other processes (`rrcu worker`, other `rrcu start`s)')
    .option('--no-simulator', 'never start the simulated organisation, even when no AWS account is connected')
    .addHelpText(
      'after',
      `
With no AWS connector configured, RRCU starts its built-in AWS simulator with a seeded organisation,
adds a connector to it and syncs it, so there is something to explore. It says so in the log and on
every page. Add a real connector (web UI: Connectors → Add connector) and remove the simulated one.

Several \`rrcu start\` processes may share one PostgreSQL (DATABASE_URL): each job runs once, in one of them.`,
    )
    .action(async (flags: StartFlags) => {
      const { loadConfig, withEmbeddedSecretKey } = await import('../../config/index.ts');
      const { openStore } = await import('../../store/index.ts');
      const { config, generated } = withEmbeddedSecretKey(loadConfig());
      if (generated) process.stdout.write(`RRCU_SECRET_KEY is not set: the embedded store's secret key was generated into ${generated} (keep it with the data; set RRCU_SECRET_KEY with PostgreSQL).\n`);
      if (flags.port !== undefined) config.port = flags.port;
      if (flags.host !== undefined) config.host = flags.host;
      // Listening from the start: a SIGTERM that came before the listener would kill the process outright
      // (no listener means the default action), skipping the graceful stop.
      const signalled = untilSignalled();
      // A signal while it starts ends the start (startRrcu's `signal`), not only once it serves.
      const stopping = new AbortController();
      void signalled.then(() => stopping.abort());
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const stops: (() => Promise<void>)[] = [() => store.close()];
      const stopAll = async () => {
        for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
      };
      try {
        const { startRrcu } = await import('../../server/start.ts');
        const running = await startRrcu(store, config, { workers: flags.workers, simulator: flags.simulator, signal: stopping.signal });
        if (running) {
          stops.push(() => running.stop());
          process.stdout.write(running.banner);
        }
      } catch (e) {
        await stopAll();
        if ((e as { code?: string }).code === 'EADDRINUSE') {
          throw new RrcuError(CLI_ERRORS.PORT_IN_USE, `Port ${config.port} on ${config.host} is already in use.`, { fix: 'Stop whatever uses it, or pick another with --port (or RRCU_PORT).', cause: e });
        }
        throw e;
      }
      await signalled;
      process.stdout.write('Stopping RRCU…\n');
      await stopAll();
    });
}
