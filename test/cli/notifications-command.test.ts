import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createNotificationService } from '../../src/notifications/index.ts';
import { auditStreamCursors, openStore, type Store } from '../../src/store/index.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';
import { runCli } from '../harness/run-cli.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

const SECRET_KEY = 'a-secret-key-for-the-cli-test-of-notifications';

describe('rrcu notifications', () => {
  let dir: string;
  let sink: WebhookSink;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-cli-notifications-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    sink = await startWebhookSink();
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const n = createNotificationService({ db: store.db, secretKey: SECRET_KEY });
      await n.createChannel({ kind: 'webhook', name: 'siem', config: { url: `${sink.url}/hook` }, secrets: { signingSecret: 'a-signing-secret-of-32-characters' } }, 'cli:test');
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ RRCU_DATA_DIR: join(dir, 'data'), RRCU_SECRET_KEY: SECRET_KEY });

  test('test a channel (sent, then refused: exit 1 with the reason), list with filters, retry the failure; a bad status exits 1 naming --status', { timeout: 300_000 }, async () => {
    const sent = await runCli(['notifications', 'test', 'siem'], env());
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/ {2}sent \(1 attempt\) {2}siem → channel {2}notification\.test\n$/);
    expect(sink.received).toHaveLength(1);

    sink.answerNext({ status: 410, body: 'gone' });
    const refused = await runCli(['notifications', 'test', 'siem', '--json'], env());
    expect(refused.code).toBe(1);
    const failed = JSON.parse(refused.stdout) as { id: string; status: string; lastCode: number };
    expect(failed).toMatchObject({ status: 'failed', lastCode: 410 });

    const listed = await runCli(['notifications', 'list', '--channel', 'siem', '--status', 'failed'], env());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${failed.id}  `);
    expect(listed.stdout).toContain('failed (1 attempt)  siem → channel  notification.test — 410 ');
    expect(listed.stdout).toMatch(/1 delivery\.\n$/);

    const retried = await runCli(['notifications', 'retry', failed.id], env());
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(new RegExp(`^Sending again: ${failed.id} .* pending `));

    const bad = await runCli(['notifications', 'list', '--status', 'lost'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--status:');
  });

  test('list shows each audit stream first: up to which event, how many wait, and while its receiver fails, why and since when', { timeout: 300_000 }, async () => {
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const n = createNotificationService({ db: store.db, secretKey: SECRET_KEY });
      const channel = await n.createChannel({ kind: 'webhook', name: 'audit-siem', config: { url: `${sink.url}/audit` }, secrets: { signingSecret: 'a-signing-secret-of-32-characters' }, eventKinds: ['sync.failed'], auditStream: true }, 'cli:test');
      // The cursor as a receiver answering 500 twice leaves it (test/notifications/audit-stream-state.store.test.ts drives that for real).
      await store.db.insert(auditStreamCursors).values({
        channelId: channel.id, lastSeq: 0, lastError: 'HTTP 500: index is read-only', lastFailedAt: new Date('2026-12-05T08:20:00Z'), failingSince: new Date('2026-12-05T08:00:00Z'),
      });
    } finally {
      await store.close();
    }
    const listed = await runCli(['notifications', 'list'], env());
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^Audit stream audit-siem: nothing streamed yet; \d+ waiting\.\n {2}FAILING \(failing since 2026-12-05 08:00:00, last attempt 2026-12-05 08:20:00\): HTTP 500: index is read-only\n/);
    // Only the channel asked for; --json stays the deliveries alone.
    expect((await runCli(['notifications', 'list', '--channel', 'siem'], env())).stdout).not.toContain('Audit stream');
    const json = await runCli(['notifications', 'list', '--json'], env());
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
  });
});

describe('rrcu notifications through the API of a running server (RRCU_URL, RRCU_TOKEN)', () => {
  let dir: string;
  let store: Store | undefined;
  let server: TestServer | undefined;
  let sink: WebhookSink;
  let api: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-cli-notifications-api-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    store = await openStore({ dataDir: join(dir, 'data') });
    sink = await startWebhookSink();
    server = await startTestServer(store);
    await server.server.listen({ port: 0, host: '127.0.0.1' });
    await server.app.notifications.createChannel({ kind: 'webhook', name: 'siem', config: { url: `${sink.url}/hook` }, secrets: { signingSecret: 'a-signing-secret-of-32-characters' } }, 'cli:test');
    // No workers here: the stream stays where it starts.
    await server.app.notifications.createChannel({ kind: 'webhook', name: 'audit-siem', config: { url: `${sink.url}/audit` }, secrets: { signingSecret: 'a-signing-secret-of-32-characters' }, eventKinds: ['sync.failed'], auditStream: true }, 'cli:test');
    const { authorization } = await server.as('super_admin');
    api = { RRCU_URL: `http://127.0.0.1:${(server.server.server.address() as AddressInfo).port}`, RRCU_TOKEN: authorization.slice('Bearer '.length) };
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('test and list act through the server, as the token\'s caller', { timeout: 300_000 }, async () => {
    const sent = await runCli(['notifications', 'test', 'siem'], api);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/ {2}sent \(1 attempt\) {2}siem → channel {2}notification\.test\n$/);
    expect(sink.received).toHaveLength(1);
    const listed = await runCli(['notifications', 'list', '--channel', 'siem', '--json'], api);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ status: 'sent', channelName: 'siem', kind: 'notification.test' })]);
    const text = await runCli(['notifications', 'list'], api);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Audit stream audit-siem: nothing streamed yet; \d+ waiting\.\n[0-9a-f-]{36} {2}/);
  });
});
