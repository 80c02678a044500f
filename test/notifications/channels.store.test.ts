import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createNotificationService, ENVIRONMENT_CHANNEL_ID, emailChannelFromEnvironment } from '../../src/notifications/index.ts';
import { auditEvents, notificationChannels } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';

const SECRET_KEY = 'channels-test-secret-key-0123456789abcdef';
const PASSWORD = 'hunter2-very-secret-password';

describeStore('notifications: channels', (store) => {
  const service = () => createNotificationService({ db: store().db, secretKey: SECRET_KEY, publicUrl: 'https://rrcu.example.com' });
  const emailConfig = { host: 'mail.example.com', port: 587, security: 'starttls', username: 'rrcu', from: 'RRCU <rrcu@example.com>' };

  test('a channel\'s secrets are sealed at rest and never returned: not by create, list, get, update or archive, nor in the audit log', async () => {
    const name = `Email ${randomUUID().slice(0, 8)}`;
    const created = await service().createChannel({ kind: 'email', name, config: emailConfig, secrets: { password: PASSWORD } }, 'user:admin');
    expect(created).toMatchObject({ kind: 'email', name, enabled: true, hasSecrets: true, eventKinds: ['*'], source: 'settings', config: emailConfig });
    const [row] = await store().db.select().from(notificationChannels).where(eq(notificationChannels.id, created.id));
    expect(row!.secretsCiphertext).toMatch(/^v1\./);
    expect(row!.secretsCiphertext).not.toContain(PASSWORD);

    const renamed = await service().updateChannel(created.id, { name: `${name} renamed`, eventKinds: ['request.submitted'] }, 'user:admin');
    expect(renamed).toMatchObject({ name: `${name} renamed`, eventKinds: ['request.submitted'], hasSecrets: true });
    const listed = await service().listChannels();
    const got = await service().getChannel(created.id);
    const archived = await service().archiveChannel(created.id, 'user:admin');
    expect(archived.archivedAt).not.toBeNull();
    const events = await store().db.select().from(auditEvents).where(eq(auditEvents.subject, `notification_channel:${created.id}`));
    expect(events.map((e) => e.type)).toEqual(['notification.channel_created', 'notification.channel_updated', 'notification.channel_archived']);
    expect(events[1]!.data).toMatchObject({ changed: ['name', 'eventKinds'] });
    for (const shown of [created, renamed, listed, got, archived, events]) expect(JSON.stringify(shown)).not.toContain(PASSWORD);
  });

  test('changing the SMTP host needs the password again, so a saved password never goes to a server it was not given for', async () => {
    const created = await service().createChannel({ kind: 'email', name: `Email ${randomUUID().slice(0, 8)}`, config: emailConfig, secrets: { password: PASSWORD } }, 'user:admin');
    await expect(service().updateChannel(created.id, { config: { ...emailConfig, host: 'evil.example.com' } }, 'user:admin')).rejects.toMatchObject({ code: 'CHANNEL_INVALID', message: expect.stringContaining('secrets') });
    const moved = await service().updateChannel(created.id, { config: { ...emailConfig, host: 'mail2.example.com' }, secrets: { password: 'another' } }, 'user:admin');
    expect(moved.config).toMatchObject({ host: 'mail2.example.com' });
    // The sender may change without it.
    await service().updateChannel(created.id, { config: { ...emailConfig, host: 'mail2.example.com', from: 'ops@example.com' } }, 'user:admin');
  });

  test('bad settings are refused naming the field; names are unique among live channels; secrets need RRCU_SECRET_KEY', async () => {
    await expect(service().createChannel({ kind: 'email', name: 'Bad port', config: { ...emailConfig, port: 70000 } }, 'user:admin')).rejects.toMatchObject({ code: 'CHANNEL_INVALID', message: expect.stringMatching(/^config\.port/) });
    const name = `Dup ${randomUUID().slice(0, 8)}`;
    await service().createChannel({ kind: 'email', name, config: emailConfig }, 'user:admin');
    await expect(service().createChannel({ kind: 'email', name, config: emailConfig }, 'user:admin')).rejects.toMatchObject({ code: 'CHANNEL_EXISTS' });
    const keyless = createNotificationService({ db: store().db, secretKey: undefined });
    await expect(keyless.createChannel({ kind: 'email', name: `Keyless ${randomUUID()}`, config: emailConfig, secrets: { password: PASSWORD } }, 'user:admin')).rejects.toMatchObject({ code: 'SECRET_KEY_MISSING' });
  });

  test('RRCU_SMTP_URL and RRCU_MAIL_FROM appear as a read-only channel without their password; unset where the workers start, it is disabled, not where a CLI only reads', async () => {
    const environmentEmail = emailChannelFromEnvironment(`smtps://rrcu%40example.com:${PASSWORD}@smtp.example.com`, 'RRCU <rrcu@example.com>');
    expect(environmentEmail.config).toEqual({ host: 'smtp.example.com', port: 465, security: 'tls', username: 'rrcu@example.com', from: 'RRCU <rrcu@example.com>' });
    const withEnv = createNotificationService({ db: store().db, secretKey: SECRET_KEY, environmentEmail });
    const listed = await withEnv.listChannels();
    const env = listed.find((c) => c.id === ENVIRONMENT_CHANNEL_ID)!;
    expect(env).toMatchObject({ source: 'environment', enabled: true, kind: 'email', hasSecrets: true });
    expect(JSON.stringify(listed)).not.toContain(PASSWORD);
    await expect(withEnv.updateChannel(ENVIRONMENT_CHANNEL_ID, { name: 'Mine' }, 'user:admin')).rejects.toMatchObject({ code: 'CHANNEL_READ_ONLY' });
    await expect(withEnv.archiveChannel(ENVIRONMENT_CHANNEL_ID, 'user:admin')).rejects.toMatchObject({ code: 'CHANNEL_READ_ONLY' });
    // A process that only reads or tests channels without RRCU_SMTP_URL (a CLI run from another shell) leaves it as the workers set it.
    const cli = createNotificationService({ db: store().db, secretKey: SECRET_KEY });
    await cli.listChannels();
    await cli.getChannel(ENVIRONMENT_CHANNEL_ID);
    expect((await withEnv.getChannel(ENVIRONMENT_CHANNEL_ID)).enabled).toBe(true);
    // The workers' start without it disables it.
    const without = createNotificationService({ db: store().db, secretKey: SECRET_KEY });
    await without.syncEnvironment();
    expect((await without.getChannel(ENVIRONMENT_CHANNEL_ID)).enabled).toBe(false);
    expect((await without.listChannels()).map((c) => c.id)).not.toContain(ENVIRONMENT_CHANNEL_ID);
    expect(emailChannelFromEnvironment('smtp://relay.internal?security=none', 'a@b.c').config).toMatchObject({ port: 25, security: 'none' });
    expect(emailChannelFromEnvironment('smtp://u:p@relay.internal', 'a@b.c').config).toMatchObject({ port: 587, security: 'starttls' });
  });
});
