import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createNotificationService } from '../../src/notifications/index.ts';
import { openStore } from '../../src/store/index.ts';
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
});
