import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received, its body as the exact text sent (what a signature covers). */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; /** Date.now() on arrival. */ at: number };

/** How the sink answers one request: a status, headers, a body; `hang` never answers (a receiver that stalls). */
export type SinkAnswer = { status: number; headers?: Record<string, string>; body?: string; /** Answers this long after the request arrived. */ delayMs?: number } | { hang: true };

export type WebhookSink = {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  received: ReceivedRequest[];
  /** Answers the next requests with these, in order; once used up, `fallback`. */
  answerNext(...answers: SinkAnswer[]): void;
  /** The same, for the next requests to `path` only (other receivers' requests go by). */
  answerNextOn(path: string, ...answers: SinkAnswer[]): void;
  /** What every request gets when no queued answer is left (default 200). */
  fallback: SinkAnswer;
  /** The most requests to one path that were ever awaiting their answer at the same time. */
  maxInFlight(path: string): number;
  /** Resolves once `count` requests have arrived (the test's own timeout bounds it). */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: it records every request with its raw body and
 * answers as told, so a test can check signatures, order and what a 503 or a Retry-After does.
 */
export async function startWebhookSink(): Promise<WebhookSink> {
  const queued: SinkAnswer[] = [];
  const queuedByPath = new Map<string, SinkAnswer[]>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const sink: WebhookSink = {
    url: '',
    received: [],
    answerNext: (...answers) => void queued.push(...answers),
    answerNextOn: (path, ...answers) => void queuedByPath.set(path, [...(queuedByPath.get(path) ?? []), ...answers]),
    fallback: { status: 200 },
    maxInFlight: (path) => maxInFlight.get(path) ?? 0,
    waitFor: (count) => new Promise((resolve) => (sink.received.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    const now = (inFlight.get(path) ?? 0) + 1;
    inFlight.set(path, now);
    maxInFlight.set(path, Math.max(now, maxInFlight.get(path) ?? 0));
    res.on('close', () => inFlight.set(path, (inFlight.get(path) ?? 1) - 1));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      sink.received.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      for (const w of waiters.filter((x) => sink.received.length >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const answer = queuedByPath.get(path)?.shift() ?? queued.shift() ?? sink.fallback;
      if ('hang' in answer) {
        hanging.add(res);
        return;
      }
      const reply = () => {
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}
