import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { notify } from '../../src/notifications/index.ts';
import { appUsers, people } from '../../src/store/index.ts';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

describeStore('email from RRCU_SMTP_URL through the whole app', (store) => {
  let sink: SmtpSink;
  let t: TestServer;
  beforeAll(async () => {
    sink = await startSmtpSink({ password: 'env-password' });
    t = await startTestServer(store(), {
      workers: true,
      config: { smtpUrl: `smtp://rrcu:env-password@127.0.0.1:${sink.port}?security=none`, mailFrom: 'RRCU <rrcu@corp.example>', publicUrl: 'https://rrcu.corp.example' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  test('the workers mail a request to its approver at once and a role\'s notice to each of its users, with no channel set up under Settings', async () => {
    const email = `approver-${randomUUID().slice(0, 8)}@corp.example`;
    const [approver] = await t.store.db.insert(people).values({ displayName: 'Approver', email }).returning();
    const admins = [`ca1-${randomUUID().slice(0, 6)}@corp.example`, `ca2-${randomUUID().slice(0, 6)}@corp.example`];
    for (const a of admins) await t.store.db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: a, email: a, role: 'connector_admin' });
    await notify(t.store.db, { kind: 'request.submitted', recipient: { personId: approver!.id }, title: 'Access request to decide', link: '/requests/5', dedupeKey: `t:${randomUUID()}` });
    await notify(t.store.db, { kind: 'provisioning.task_failed', recipient: { role: 'connector_admin' }, title: 'A task failed', link: '/tasks/1', dedupeKey: `t:${randomUUID()}` });
    await sink.waitFor(3);
    const byRecipient = Object.fromEntries(sink.messages.map((m) => [m.envelopeTo[0], m]));
    expect(byRecipient[email]).toMatchObject({ headers: expect.objectContaining({ from: 'RRCU <rrcu@corp.example>', subject: 'Access request to decide' }), user: 'rrcu' });
    expect(byRecipient[email]!.text).toContain('https://rrcu.corp.example/requests/5');
    for (const a of admins) expect(byRecipient[a]!.headers.subject).toBe('A task failed');
    // The sink has the messages before the workers have recorded them sent.
    const sentLog = async () => (await t.server.inject({ method: 'GET', url: '/api/notifications/deliveries?status=sent', headers: await t.as('super_admin') })).json<{ items: { channelName: string }[] }>();
    await expect.poll(async () => (await sentLog()).items.map((d) => d.channelName), { timeout: 30_000, interval: 200 }).toEqual(['Email (environment)', 'Email (environment)', 'Email (environment)']);
    expect(JSON.stringify(await sentLog())).not.toContain('env-password');
  });

  test('the daily digest, the minute\'s sweep and the fan-out\'s safety net are scheduled (UTC)', async () => {
    const crons = Object.fromEntries((await t.app.jobs.boss.getSchedules()).map((s) => [s.name, { cron: s.cron, timezone: s.timezone }]));
    expect(crons).toMatchObject({
      'notification-digest': { cron: '0 8 * * *', timezone: 'UTC' },
      'notification-sweep': { cron: '* * * * *', timezone: 'UTC' },
      'notification-fanout': { cron: '* * * * *', timezone: 'UTC' },
    });
  });
});
