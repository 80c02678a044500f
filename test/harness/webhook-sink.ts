import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received, its body as the exact text sent (what a signature covers). */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** How the sink answers one request: a status, headers, a body; `hang` never answers (a receiver that stalls). */
export type SinkAnswer = { status: number; headers?: Record<string, string>; body?: string } | { hang: true };

export type WebhookSink = {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  received: ReceivedRequest[];
  /** Answers the next requests with these, in order; once used up, `fallback`. */
  answerNext(...answers: SinkAnswer[]): void;
  /** What every request gets when no queued answer is left (default 200). */
  fallback: SinkAnswer;
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
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const sink: WebhookSink = {
    url: '',
    received: [],
    answerNext: (...answers) => void queued.push(...answers),
    fallback: { status: 200 },
    waitFor: (count) => new Promise((resolve) => (sink.received.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      sink.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of waiters.filter((x) => sink.received.length >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const answer = queued.shift() ?? sink.fallback;
      if ('hang' in answer) {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}
