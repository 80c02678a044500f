import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';

export type RunningRrcu = {
  url: string;
  /** What `rrcu start` prints: where, how to sign in, and whether the organisation is simulated. */
  banner: string;
  /** The local administrator's one-time password, on the start that created it. */
  adminPassword: string | undefined;
  /** The simulator's endpoint, when this process serves the simulated organisation. */
  simulatorEndpoint: string | undefined;
  stop(): Promise<void>;
};

export type StartOptions = {
  workers: boolean;
  simulator: boolean;
  webRoot?: string;
  logger?: boolean;
  /** The clock of time-driven work (requests' expiry); a browser journey moves it past an expiry. */
  now?: () => Date;
  /** A stop asked while it starts (`rrcu start`'s SIGTERM / Ctrl-C). */
  signal?: AbortSignal;
};

/**
 * Everything `rrcu start` runs in one process: the simulated organisation when nothing real is
 * connected, the app's services and workers, the local administrator, and the HTTP server.
 * With `signal`, aborted while it starts: the app's stop begins at once (the workers' start ends at its
 * next step, the requests' start-up tick at its next request), what started is stopped, and the answer is
 * undefined: nothing serves.
 */
export async function startRrcu(store: Store, config: Config, options: StartOptions & { signal: AbortSignal }): Promise<RunningRrcu | undefined>;
export async function startRrcu(store: Store, config: Config, options: StartOptions): Promise<RunningRrcu>;
export async function startRrcu(store: Store, config: Config, options: StartOptions): Promise<RunningRrcu | undefined> {
  const { signal } = options;
  const { startSimulatedOrganisation } = await import('../demo/simulated-organisation.ts');
  const { createApp } = await import('../app.ts');
  const { createServer } = await import('./app.ts');
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    const simulation = options.simulator ? await startSimulatedOrganisation(store, config) : undefined;
    if (simulation) stops.push(() => simulation.stop());
    const app = await createApp({ config, store, simulation, supervise: options.workers, ...(options.now ? { now: options.now } : {}) });
    stops.push(() => app.stop());
    if (options.workers && !signal?.aborted) {
      const stopApp = () => void app.stop().catch(() => undefined);
      signal?.addEventListener('abort', stopApp, { once: true });
      try {
        await app.startWorkers();
      } finally {
        signal?.removeEventListener('abort', stopApp);
      }
    }
    if (signal?.aborted) {
      await stop();
      return undefined;
    }
    const admin = config.oidcIssuer ? undefined : await app.identity.ensureLocalAdmin();
    const { server } = await createServer(app, { logger: options.logger ?? true, ...(options.webRoot ? { webRoot: options.webRoot } : {}) });
    stops.push(() => server.close());
    await server.listen({ port: config.port, host: config.host });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    if (simulation && !(await app.runs.lastSucceededRun(simulation.connectorId))) await app.syncs.request(simulation.connectorId, 'system');
    if (simulation) {
      // A ready review for the demo: in the background, once the first sync has found the people.
      const demoReview = new AbortController();
      stops.push(async () => demoReview.abort());
      void import('../demo/review-campaign.ts').then(({ ensureDemoReviewCampaign }) => ensureDemoReviewCampaign(app, simulation.connectorId, { signal: demoReview.signal })).catch(() => {});
      // A request policy for the demo (names resolve when someone requests, so it needs no sync first).
      await import('../demo/request-policy.ts').then(({ ensureDemoRequestPolicy }) => ensureDemoRequestPolicy(app, simulation.connectorId)).catch(() => {});
    }

    const lines = ['', `RRCU is running at ${url}`, `  store: ${store.backend === 'pglite' ? `embedded (${store.location})` : store.location}`];
    lines.push(`  workers: ${options.workers ? 'on (syncs and provisioning run in this process)' : 'off (--no-workers)'}`);
    lines.push(config.oidcIssuer ? `  sign-in: OpenID Connect (${config.oidcIssuer})` : '  sign-in: local administrator "admin"');
    if (admin) {
      lines.push('', '  One-time password of the local administrator (shown once; you choose a new one at first sign-in):', `    ${admin.password}`);
    }
    if (simulation) {
      lines.push(
        '',
        '  THIS IS A SIMULATED ORGANISATION, not your AWS: no AWS account is connected, so RRCU runs its',
        `  built-in AWS simulator (${simulation.endpoint}) with a seeded organisation and a connector to it.`,
        '  To connect a real one: Connectors → Add connector in the web UI (External ID, trust policy, inline',
        '  policy or Terraform), then remove "Simulated organisation" (it is archived: its history stays',
        '  readable, and it no longer syncs). Start with --no-simulator to skip it.',
      );
      if (simulation.scimSkipped) lines.push(`  Note: ${simulation.scimSkipped}`);
    }
    lines.push('', 'Stop with Ctrl-C.', '');
    return { url, banner: lines.join('\n'), adminPassword: admin?.password, simulatorEndpoint: simulation?.endpoint, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

