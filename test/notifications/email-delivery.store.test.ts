import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJobEngine, type JobEngine } from '../../src/jobs/index.ts';
import { createNotificationService, emailChannelFromEnvironment, ENVIRONMENT_CHANNEL_ID, NOTIFICATION_QUEUE_SPECS, notify, startNotificationJobs } from '../../src/notifications/index.ts';
import { emailDriver } from '../../src/notifications/channels/email.ts';
import { deliverOne, type DeliveryDeps } from '../../src/notifications/deliver.ts';
import { sendDigests } from '../../src/notifications/digest.ts';
import { fanOut } from '../../src/notifications/fanout.ts';
import { sweepDeliveries } from '../../src/notifications/sweep.ts';
import { MAX_ATTEMPTS } from '../../src/notifications/core/backoff.ts';
import { appUsers, auditEvents, notificationDeliveries, notificationFanouts, people, type AppRole } from '../../src/store/index.ts';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { describeStore } from '../harness/store-test.ts';

const SECRET_KEY = 'email-delivery-test-secret-key-0123456789';
const PASSWORD = 'smtp-password-never-in-a-message';
const PUBLIC_URL = 'https://rrcu.example.com';

describeStore('notifications: email delivery through a real SMTP server', (store) => {
  let sink: SmtpSink;
  let clock = new Date();
  const now = () => clock;
  const db = () => store().db;
  const deps = (): DeliveryDeps => ({ db: db(), secretKey: SECRET_KEY, publicUrl: PUBLIC_URL, now });
  const service = () => createNotificationService({ db: db(), secretKey: SECRET_KEY, publicUrl: PUBLIC_URL, now });

  beforeAll(async () => {
    sink = await startSmtpSink({ password: PASSWORD });
  });
  afterAll(async () => {
    await sink?.close();
  });

  /** An email channel on the sink, archived when `body` ends so the next test's fan-out does not see it. */
  async function withEmailChannel<T>(body: (channelId: string) => Promise<T>, eventKinds: string[] = ['*']): Promise<T> {
    const channel = await service().createChannel(
      { kind: 'email', name: `Sink ${randomUUID().slice(0, 8)}`, config: { host: '127.0.0.1', port: sink.port, security: 'none', username: 'rrcu', from: 'RRCU <rrcu@example.com>' }, secrets: { password: PASSWORD }, eventKinds },
      'user:admin',
    );
    try {
      return await body(channel.id);
    } finally {
      await service().archiveChannel(channel.id, 'user:admin');
    }
  }

  async function person(name: string) {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@corp.example`;
    const [row] = await db().insert(people).values({ displayName: name, email }).returning();
    return { id: row!.id, email };
  }

  async function user(role: AppRole, email: string) {
    const [row] = await db().insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: email, email, role }).returning();
    return row!.id;
  }

  const deliveriesOf = (notificationId: string) => db().select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));
  const to = (email: string) => sink.messages.filter((m) => m.envelopeTo.includes(email));

  test('an outbox row reaches its person as an email with text, HTML, the absolute link, From, To and Message-ID, and no secret', async () => {
    await withEmailChannel(async () => {
      const ann = await person('Ann');
      const n = await notify(db(), { kind: 'request.submitted', recipient: { personId: ann.id }, title: 'Access requested: <AdministratorAccess>', body: 'Bob asked for AdministratorAccess on 111122223333.', link: '/requests/42', payload: { requestId: 42 }, dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      const [delivery] = await deliveriesOf(n!.id);
      expect(delivery).toMatchObject({ status: 'pending', address: { kind: 'email', email: ann.email } });
      expect(await deliverOne(deps(), delivery!.id)).toMatchObject({ claimed: true, status: 'sent' });

      const [mail] = to(ann.email);
      expect(mail).toBeDefined();
      expect(mail!.headers.from).toBe('RRCU <rrcu@example.com>');
      expect(mail!.headers.to).toBe(ann.email);
      expect(mail!.headers.subject).toBe('Access requested: <AdministratorAccess>');
      expect(mail!.headers['message-id']).toBe(`<${delivery!.id}@rrcu>`);
      expect(mail!.user).toBe('rrcu');
      expect(mail!.text).toContain('Bob asked for AdministratorAccess on 111122223333.');
      expect(mail!.text).toContain('https://rrcu.example.com/requests/42');
      expect(mail!.text).toContain('under your profile → Notifications');
      expect(mail!.html).toContain('href="https://rrcu.example.com/requests/42"');
      expect(mail!.html).toContain('Access requested: &lt;AdministratorAccess&gt;');
      for (const secret of [PASSWORD, SECRET_KEY]) expect(mail!.raw).not.toContain(secret);

      const [recorded] = await deliveriesOf(n!.id);
      expect(recorded).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(recorded!.providerRef).toBe(`<${delivery!.id}@rrcu>`);
      // A job delivered again finds it sent and sends nothing.
      expect(await deliverOne(deps(), delivery!.id)).toEqual({ claimed: false });
      expect(to(ann.email)).toHaveLength(1);
    });
  });

  test('a 421 or 450 is tried again after the backoff and then sent; a 550 is failed with the server\'s reason, and Retry sends it', async () => {
    await withEmailChannel(async () => {
      const busy = await person('Busy');
      const grey = await person('Grey');
      const gone = await person('Gone');
      sink.refuse(busy.email, 421);
      sink.refuse(grey.email, 450);
      sink.refuse(gone.email, 550);
      const ids: Record<string, string> = {};
      for (const p of [busy, grey, gone]) {
        const n = await notify(db(), { kind: 'request.decided', recipient: { personId: p.id }, title: 'Your request was approved', link: '/requests/7', dedupeKey: `t:${randomUUID()}` }, now());
        await fanOut({ db: db(), now });
        ids[p.email] = (await deliveriesOf(n!.id))[0]!.id;
      }
      for (const p of [busy, grey]) {
        const outcome = await deliverOne(deps(), ids[p.email]!);
        expect(outcome).toMatchObject({ claimed: true, status: 'pending', result: { ok: false, retryable: true } });
        const [row] = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.id, ids[p.email]!));
        expect(row!.lastCode).toBe(p === busy ? 421 : 450);
        expect(row!.nextAttemptAt!.getTime()).toBeGreaterThan(now().getTime());
        // Not due yet: a job arriving early sends nothing.
        expect(await deliverOne(deps(), ids[p.email]!)).toEqual({ claimed: false });
      }
      const failed = await deliverOne(deps(), ids[gone.email]!);
      expect(failed).toMatchObject({ status: 'failed', result: { ok: false, retryable: false, code: 550 } });
      const view = await service().getDelivery(ids[gone.email]!);
      expect(view).toMatchObject({ status: 'failed', lastCode: 550, lastError: expect.stringContaining('550') });

      clock = new Date(clock.getTime() + 10 * 60_000);
      for (const p of [busy, grey]) expect(await deliverOne(deps(), ids[p.email]!)).toMatchObject({ status: 'sent' });
      expect(to(busy.email)).toHaveLength(1);
      expect(to(grey.email)).toHaveLength(1);
      expect(to(gone.email)).toHaveLength(0);

      // A temporary failure on the last attempt fails the delivery, saying so.
      const last = await person('Last');
      sink.refuse(last.email, 421);
      const n = await notify(db(), { kind: 'request.decided', recipient: { personId: last.id }, title: 'Approved', dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      const [tired] = await deliveriesOf(n!.id);
      await db().update(notificationDeliveries).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(notificationDeliveries.id, tired!.id));
      expect(await deliverOne(deps(), tired!.id)).toMatchObject({ status: 'failed' });
      expect(await service().getDelivery(tired!.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastCode: 421, lastError: expect.stringContaining(`gave up after ${MAX_ATTEMPTS} attempts`) });

      await expect(service().retryDelivery(ids[busy.email]!, 'user:admin')).rejects.toMatchObject({ code: 'DELIVERY_NOT_RETRYABLE' });
      expect(await service().retryDelivery(ids[gone.email]!, 'user:admin')).toMatchObject({ status: 'pending' });
      expect(await deliverOne(deps(), ids[gone.email]!)).toMatchObject({ status: 'sent' });
      expect(to(gone.email)).toHaveLength(1);
      const [retried] = await db().select().from(auditEvents).where(and(eq(auditEvents.type, 'notification.delivery_retried'), eq(auditEvents.subject, `notification_delivery:${ids[gone.email]}`)));
      expect(retried).toMatchObject({ actor: 'user:admin', data: { was: 'failed', lastError: expect.stringContaining('550') } });
    });
  });

  test('preferences: reviews wait for the daily digest, requests come at once, off sends nothing; the digest lists each with its link, once', async () => {
    await withEmailChannel(async () => {
      const rita = await person('Rita');
      const ritaUser = await user('person', rita.email);
      const kinds = ['review.assigned', 'review.reminder', 'request.submitted', 'request.expiring'];
      await service().setPreferences(ritaUser, [{ channelKind: 'email', eventKind: 'request.expiring', mode: 'off' }], `user:${ritaUser}`);
      const sent: Record<string, string> = {};
      for (const kind of kinds) {
        const n = await notify(db(), { kind, recipient: { personId: rita.id }, title: `About ${kind}`, link: `/inbox/${kind}`, dedupeKey: `t:${randomUUID()}` }, now());
        sent[kind] = n!.id;
      }
      await fanOut({ db: db(), now });
      expect((await deliveriesOf(sent['review.assigned']!))[0]).toMatchObject({ status: 'digest', userId: ritaUser, personId: rita.id });
      expect((await deliveriesOf(sent['review.reminder']!))[0]).toMatchObject({ status: 'digest' });
      const [submitted] = await deliveriesOf(sent['request.submitted']!);
      expect(submitted).toMatchObject({ status: 'pending' });
      expect(await deliveriesOf(sent['request.expiring']!)).toEqual([]);
      await deliverOne(deps(), submitted!.id);
      expect(to(rita.email).map((m) => m.headers.subject)).toEqual(['About request.submitted']);

      const first = await sendDigests({ db: db(), now });
      expect(first.items).toBeGreaterThanOrEqual(2);
      expect(await sendDigests({ db: db(), now })).toEqual({ digests: 0, items: 0 });
      const [digest] = await db().select().from(notificationDeliveries).where(and(eq(notificationDeliveries.kind, 'notification.digest'), eq(notificationDeliveries.userId, ritaUser)));
      expect(digest!.digestOf).toHaveLength(2);
      expect(await deliverOne(deps(), digest!.id)).toMatchObject({ status: 'sent' });
      const mails = to(rita.email);
      expect(mails).toHaveLength(2);
      expect(mails[1]!.headers.subject).toBe('RRCU: 2 notifications today');
      expect(mails[1]!.text).toContain('About review.assigned');
      expect(mails[1]!.text).toContain('https://rrcu.example.com/inbox/review.reminder');
      expect(mails[1]!.html).toContain('href="https://rrcu.example.com/inbox/review.assigned"');
      // What the digest listed is sent with it, and never on its own.
      expect((await deliveriesOf(sent['review.assigned']!))[0]).toMatchObject({ status: 'sent', digestId: digest!.id });
      // A listed row is retried only through its digest: on its own and again with the digest, it would arrive twice.
      const listed = (await deliveriesOf(sent['review.assigned']!))[0]!;
      await expect(service().retryDelivery(listed.id, 'user:admin')).rejects.toMatchObject({ code: 'DELIVERY_NOT_RETRYABLE', message: expect.stringMatching(/waited for digest/) });

      // Everything off by email: nothing more reaches her by email.
      await service().setPreferences(ritaUser, [{ channelKind: 'email', eventKind: '*', mode: 'off' }], `user:${ritaUser}`);
      const muted = await notify(db(), { kind: 'request.decided', recipient: { personId: rita.id }, title: 'Muted', dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      expect(await deliveriesOf(muted!.id)).toEqual([]);
      expect((await service().preferencesOf(ritaUser)).items).toEqual([{ channelKind: 'email', eventKind: '*', mode: 'off' }]);
    });
  });

  test('a worker that dies between the send and the record does not send twice: the delivery becomes uncertain, and only Retry sends it again', async () => {
    await withEmailChannel(async () => {
      const dora = await person('Dora');
      const n = await notify(db(), { kind: 'request.active', recipient: { personId: dora.id }, title: 'Your access is active', link: '/requests/9', dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      const [delivery] = await deliveriesOf(n!.id);

      // The deliver job runs to the end of the send and its worker dies there: the record never happens.
      const dying: DeliveryDeps = { ...deps(), drivers: { email: { ...emailDriver, send: async (...args) => {
        await emailDriver.send(...args);
        return new Promise<never>(() => {});
      } } as typeof emailDriver } };
      void deliverOne(dying, delivery!.id);
      await sink.waitFor(sink.messages.length + 1);
      expect(to(dora.email)).toHaveLength(1);
      expect(await service().getDelivery(delivery!.id)).toMatchObject({ status: 'sending', attempts: 1 });

      // pg-boss hands the job to another worker: it finds the delivery claimed and sends nothing.
      expect(await deliverOne(deps(), delivery!.id)).toEqual({ claimed: false });
      // Within the lease the sweep leaves it alone; past it, it is uncertain, with the reason.
      expect((await sweepDeliveries({ db: db(), now })).uncertain).toBe(0);
      clock = new Date(clock.getTime() + 3 * 60_000);
      expect((await sweepDeliveries({ db: db(), now })).uncertain).toBe(1);
      expect(await service().getDelivery(delivery!.id)).toMatchObject({ status: 'uncertain', lastError: expect.stringContaining('may have arrived') });
      expect(await deliverOne(deps(), delivery!.id)).toEqual({ claimed: false });
      expect(to(dora.email)).toHaveLength(1);

      // An administrator who decides to send it again can.
      await service().retryDelivery(delivery!.id, 'user:admin');
      expect(await deliverOne(deps(), delivery!.id)).toMatchObject({ status: 'sent' });
      expect(to(dora.email)).toHaveLength(2);
    });
  });

  test('fan-out is idempotent: run twice, or with its mark lost, each outbox row is delivered once per address; rows older than 48 h are not sent', async () => {
    await withEmailChannel(async (channelId) => {
      const eve = await person('Eve');
      const eveUser = await user('connector_admin', eve.email);
      // To her as a person, and to her role: one address, one message.
      const n = await notify(db(), { kind: 'provisioning.task_failed', recipient: { personId: eve.id }, title: 'A task failed', dedupeKey: `t:${randomUUID()}` }, now());
      await Promise.all([fanOut({ db: db(), now }), fanOut({ db: db(), now })]);
      await db().delete(notificationFanouts).where(eq(notificationFanouts.notificationId, n!.id));
      await fanOut({ db: db(), now });
      expect(await deliveriesOf(n!.id)).toHaveLength(1);
      expect((await deliveriesOf(n!.id))[0]).toMatchObject({ channelId, userId: eveUser });

      const old = await notify(db(), { kind: 'provisioning.task_failed', recipient: { personId: eve.id }, title: 'Old news', dedupeKey: `t:${randomUUID()}` }, new Date(now().getTime() - 49 * 3600_000));
      const summary = await fanOut({ db: db(), now });
      expect(summary.tooOld).toBeGreaterThanOrEqual(1);
      expect(await deliveriesOf(old!.id)).toEqual([]);
      expect(await db().select().from(notificationFanouts).where(eq(notificationFanouts.notificationId, old!.id))).toHaveLength(1);
    });
  });

  test('a notification to a role reaches that role\'s users and the Super Administrators (as the inbox does), not other roles nor disabled users', async () => {
    await withEmailChannel(async () => {
      const tag = randomUUID().slice(0, 8);
      const admin = await user('connector_admin', `ca-${tag}@corp.example`);
      const superAdmin = await user('super_admin', `sa-${tag}@corp.example`);
      const auditor = await user('auditor', `au-${tag}@corp.example`);
      const gone = await user('super_admin', `gone-${tag}@corp.example`);
      await db().update(appUsers).set({ disabled: true }).where(eq(appUsers.id, gone));
      const n = await notify(db(), { kind: 'sync.failed', recipient: { role: 'connector_admin' }, title: 'A sync failed', dedupeKey: `s:${tag}` }, now());
      await fanOut({ db: db(), now });
      const reached = (await deliveriesOf(n!.id)).map((d) => d.userId);
      expect(reached).toEqual(expect.arrayContaining([admin, superAdmin]));
      expect(reached).not.toContain(auditor);
      expect(reached).not.toContain(gone);
    });
  });

  test('a channel\'s routing picks the kinds it gets; the delivery log pages and filters, and shows no secret', async () => {
    await withEmailChannel(async (channelId) => {
      const fay = await person('Fay');
      const wanted = await notify(db(), { kind: 'request.expired', recipient: { personId: fay.id }, title: 'Expired', dedupeKey: `t:${randomUUID()}` }, now());
      const other = await notify(db(), { kind: 'request.revoked', recipient: { personId: fay.id }, title: 'Revoked', dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      expect(await deliveriesOf(wanted!.id)).toHaveLength(1);
      expect(await deliveriesOf(other!.id)).toEqual([]);
      clock = new Date(clock.getTime() + 1000);
      await service().sendTest(channelId, { to: fay.email, actor: 'user:admin' });
      const first = await service().listDeliveries({ channelId, limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.items[0]).toMatchObject({ kind: 'notification.test', status: 'sent' });
      const second = await service().listDeliveries({ channelId, limit: 1, before: first.next! });
      expect(second.items[0]).toMatchObject({ kind: 'request.expired', status: 'pending' });
      expect((await service().listDeliveries({ channelId, kind: 'request', status: 'pending' })).items.map((d) => d.kind)).toEqual(['request.expired']);
      await expect(service().listDeliveries({ before: 'garbage' })).rejects.toMatchObject({ code: 'CHANNEL_INVALID' });
      const shown = JSON.stringify([first, second, await service().getDelivery(first.items[0]!.id), await service().listChannels()]);
      for (const secret of [PASSWORD, SECRET_KEY]) expect(shown).not.toContain(secret);
      expect(to(fay.email).map((m) => m.headers.subject)).toEqual(['RRCU test notification']);
    }, ['request.expired']);
  });

  test('RRCU_SMTP_URL\'s channel sends with the environment\'s password while no email channel from Settings is enabled; then Settings\' wins', async () => {
    const environmentEmail = emailChannelFromEnvironment(`smtp://rrcu:${encodeURIComponent(PASSWORD)}@127.0.0.1:${sink.port}?security=none`, 'RRCU env <env@example.com>');
    const envService = createNotificationService({ db: db(), secretKey: SECRET_KEY, publicUrl: PUBLIC_URL, environmentEmail, now });
    await envService.syncEnvironment();
    try {
      const hal = await person('Hal');
      const first = await notify(db(), { kind: 'request.submitted', recipient: { personId: hal.id }, title: 'Via the environment', dedupeKey: `t:${randomUUID()}` }, now());
      await fanOut({ db: db(), now });
      const [viaEnv] = await deliveriesOf(first!.id);
      expect(viaEnv).toMatchObject({ channelId: ENVIRONMENT_CHANNEL_ID });
      expect(await deliverOne({ ...deps(), environmentEmail }, viaEnv!.id)).toMatchObject({ status: 'sent' });
      expect(to(hal.email)[0]!.headers.from).toBe('RRCU env <env@example.com>');

      await withEmailChannel(async (channelId) => {
        const second = await notify(db(), { kind: 'request.submitted', recipient: { personId: hal.id }, title: 'Via Settings', dedupeKey: `t:${randomUUID()}` }, now());
        await fanOut({ db: db(), now });
        expect((await deliveriesOf(second!.id)).map((d) => d.channelId)).toEqual([channelId]);
      });
    } finally {
      await createNotificationService({ db: db(), now }).syncEnvironment();
    }
  });

  test('Send test sends now, also on a channel not yet enabled, and answers the outcome with the server\'s reason; each test is audited', async () => {
    await withEmailChannel(async (channelId) => {
      await service().updateChannel(channelId, { enabled: false }, 'user:admin');
      const ok = `ok-${randomUUID().slice(0, 8)}@corp.example`;
      const refused = `refused-${randomUUID().slice(0, 8)}@corp.example`;
      sink.refuse(refused, 550);
      expect(await service().sendTest(channelId, { to: ok, actor: 'user:admin' })).toMatchObject({ kind: 'notification.test', status: 'sent', address: { kind: 'email', email: ok } });
      expect(to(ok)[0]!.headers.subject).toBe('RRCU test notification');
      expect(await service().sendTest(channelId, { to: refused, actor: 'user:admin' })).toMatchObject({ status: 'failed', lastCode: 550, lastError: expect.stringContaining('No such mailbox') });
      await expect(service().sendTest(channelId, { actor: 'user:admin' })).rejects.toMatchObject({ code: 'CHANNEL_INVALID', message: expect.stringMatching(/^to:/) });
      const audited = await db().select().from(auditEvents).where(and(eq(auditEvents.type, 'notification.test_sent'), eq(auditEvents.subject, `notification_channel:${channelId}`)));
      expect(audited.map((e) => e.data.status)).toEqual(['sent', 'failed']);
    });
  });

  test('the workers deliver on their own: fan-out chain, deliver job, sent', async () => {
    let engine: JobEngine | undefined;
    try {
      engine = await startJobEngine(store(), { queues: NOTIFICATION_QUEUE_SPECS });
      await withEmailChannel(async () => {
        await startNotificationJobs(engine!, { ...deps(), jobs: engine!, digestCron: '0 8 * * *', now: () => new Date(), log: () => {} });
        const gil = await person('Gil');
        await notify(db(), { kind: 'request.submitted', recipient: { personId: gil.id }, title: 'Please approve', link: '/requests/1', dedupeKey: `t:${randomUUID()}` });
        await sink.waitFor(sink.messages.length + 1);
        expect(to(gil.email).map((m) => m.headers.subject)).toEqual(['Please approve']);
      });
    } finally {
      await engine?.stop({ graceful: false });
    }
  });
});
