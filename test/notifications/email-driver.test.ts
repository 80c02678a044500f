import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { renderNotification } from '../../src/notifications/core/render.ts';
import { emailDriver, smtpFailure, type EmailConfig } from '../../src/notifications/channels/email.ts';

const message = renderNotification({ kind: 'request.decided', title: 'Approved', body: 'Your request #3 was approved.', link: '/requests/3', payload: {}, createdAt: new Date() }, 'https://rrcu.example.com');
const ctx = () => ({ deliveryId: '3b7c1f0e-8a1d-4c5e-9f00-1a2b3c4d5e6f', signal: AbortSignal.timeout(20_000) });

describe('the email driver', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ password: 'right' });
  });
  afterAll(async () => {
    await sink?.close();
  });
  const config = (over: Partial<EmailConfig> = {}): EmailConfig => ({ host: '127.0.0.1', port: sink.port, security: 'none', username: 'rrcu', from: 'rrcu@example.com', ...over });

  test('a wrong password is a permanent failure with the server\'s 535, and the password is not in the reason', async () => {
    const result = await emailDriver.send(message, { kind: 'email', email: 'a@corp.example' }, { config: config(), secrets: { password: 'wrong-password-xyz' } }, ctx());
    expect(result).toMatchObject({ ok: false, retryable: false, code: 535 });
    expect(JSON.stringify(result)).not.toContain('wrong-password-xyz');
  });

  test('a server that cannot be reached is tried again later', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await emailDriver.send(message, { kind: 'email', email: 'a@corp.example' }, { config: config({ port }), secrets: {} }, ctx());
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  test('STARTTLS required and not offered by the server: refused, nothing sent in clear', async () => {
    const before = sink.messages.length;
    const result = await emailDriver.send(message, { kind: 'email', email: 'a@corp.example' }, { config: config({ security: 'starttls' }), secrets: { password: 'right' } }, ctx());
    expect(result.ok).toBe(false);
    expect(sink.messages.length).toBe(before);
  });

  test('an address of another kind is refused without a send', async () => {
    expect(await emailDriver.send(message, { kind: 'channel' }, { config: config(), secrets: {} }, ctx())).toMatchObject({ ok: false, retryable: false });
  });

  test.each([
    [{ responseCode: 421, response: '421 busy' }, true],
    [{ responseCode: 452, response: '452 mailbox full' }, true],
    [{ responseCode: 550, response: '550 no such user' }, false],
    [{ code: 'ETIMEDOUT', message: 'timed out' }, true],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, false],
  ])('nodemailer\'s %j is retryable: %s', (error, retryable) => {
    expect(smtpFailure(error)).toMatchObject({ ok: false, retryable });
  });
});
