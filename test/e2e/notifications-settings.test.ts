/**
 * Settings → Notifications in Chromium: the Super Administrator adds an SMTP channel pointed at a real SMTP
 * server this test starts (smtp-server) and a webhook channel pointed at a local HTTP receiver, sends a
 * test on each, and sees both in the delivery log as sent — which the SMTP server and the receiver confirm;
 * then chooses under My notifications how a kind reaches them.
 * Screenshots go to test-results/screenshots.
 */
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningRrcu } from '../../src/server/start.ts';
import { screenshot, screenshotsOnFailure } from '../harness/browser.ts';
import { signInFirstTime, startJourney, type Journey } from '../harness/journey.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

type Mail = { to: string[]; raw: string };

/** A real SMTP server on 127.0.0.1 without TLS that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; received: Mail[]; close(): Promise<void> }> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Settings → Notifications in the web UI', () => {
  let journey: Journey;
  let rrcu: RunningRrcu;
  let page: Page;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sink: WebhookSink;

  beforeAll(async () => {
    smtp = await startSmtp();
    sink = await startWebhookSink();
    journey = await startJourney();
    ({ rrcu, page } = journey);
  }, 300_000);
  afterAll(async () => {
    await journey?.stop();
    await smtp?.close();
    await sink?.close();
  });
  screenshotsOnFailure('notifications-settings', () => [page]);

  test('an SMTP channel and a webhook channel added under Settings, a test sent on each, both sent in the delivery log and received', async () => {
    await signInFirstTime(page, rrcu, 'a long and new password 42');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Notifications' }).click();
    await page.getByText('No notification channels').waitFor();

    await page.getByRole('button', { name: 'Add channel' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').selectOption('email');
    await dialog.getByLabel('Name', { exact: true }).fill('Team mail');
    await dialog.getByLabel('SMTP host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(smtp.port));
    await dialog.getByLabel('From').fill('RRCU <rrcu@example.test>');
    await dialog.getByLabel('Security').selectOption('none');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Add channel' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').selectOption('webhook');
    await dialog.getByLabel('Name', { exact: true }).fill('SIEM');
    await dialog.getByLabel('URL').fill(`${sink.url}/rrcu`);
    await dialog.getByLabel('Signing secret').fill('a-signing-secret-of-32-characters');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const channels = page.getByRole('table', { name: 'Notification channels' });
    await channels.getByRole('row').filter({ hasText: 'SIEM' }).filter({ hasText: 'Every kind' }).waitFor();

    await page.getByRole('button', { name: 'Send test on Team mail' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Send to').fill('admin@example.test');
    await dialog.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('status').filter({ hasText: 'Test on Team mail: sent.' }).waitFor();

    await page.getByRole('button', { name: 'Send test on SIEM' }).click();
    await page.getByRole('status').filter({ hasText: 'Test on SIEM: sent.' }).waitFor();

    const log = page.getByRole('table', { name: 'Delivery log' });
    await log.getByRole('row').filter({ hasText: 'Team mail' }).filter({ hasText: 'admin@example.test' }).filter({ hasText: 'Sent' }).waitFor();
    await log.getByRole('row').filter({ hasText: 'SIEM' }).filter({ hasText: 'Sent' }).waitFor();
    await screenshot(page, 'settings-notifications');

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['admin@example.test']);
    expect(smtp.received[0]!.raw).toMatch(/^From: RRCU <rrcu@example\.test>/m);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({ path: '/rrcu', headers: expect.objectContaining({ 'x-rrcu-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) }) });
    expect(JSON.parse(sink.received[0]!.body)).toMatchObject({ kind: 'notification.test' });
  }, 300_000);

  test('each person chooses under My notifications how a kind reaches them; the choice is kept', async () => {
    await page.goto(`${rrcu.url}/inbox`);
    await page.getByRole('link', { name: 'Email and Slack preferences' }).click();
    await page.getByRole('heading', { name: 'My notifications' }).waitFor();
    const escalatedByEmail = page.getByRole('combobox', { name: 'Review items escalated by Email' });
    expect(await escalatedByEmail.inputValue()).toBe('');
    await escalatedByEmail.selectOption('off');
    await page.getByRole('combobox', { name: 'Anything else by Slack' }).selectOption('digest');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    expect(await page.getByRole('combobox', { name: 'Review items escalated by Email' }).inputValue()).toBe('off');
    expect(await page.getByRole('combobox', { name: 'Anything else by Slack' }).inputValue()).toBe('digest');
    await screenshot(page, 'my-notifications');
  }, 120_000);

  test('the audit log streamed to a receiver answering 500: the channel says how far it got, what waits, and the error in a warning', async () => {
    sink.answerNextOn('/rrcu', ...Array.from({ length: 20 }, () => ({ status: 500, body: 'SIEM index is read-only' })));
    await page.goto(`${rrcu.url}/settings?tab=notifications`);
    await page.getByRole('button', { name: 'Edit SIEM' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Stream the audit log').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Notification channels' }).getByRole('row').filter({ hasText: 'SIEM' });
    // The workers' tick sends within seconds; the page shows the stream as it was when loaded.
    await expect.poll(async () => {
      await page.reload();
      return row.getByRole('status', { name: 'Audit stream of SIEM failing' }).count();
    }, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => row.textContent()).toMatch(/Nothing streamed yet; \d+ waiting/);
    expect(await row.getByRole('status').textContent()).toMatch(/Not acknowledged since .*: .*500.*SIEM index is read-only/);
    await screenshot(page, 'settings-notifications-audit-stream-failing');
  }, 120_000);
});
