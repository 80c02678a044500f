import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../core/errors.ts';
import { loadConfig } from './load.ts';

function failure(env: NodeJS.ProcessEnv) {
  try {
    loadConfig(env);
  } catch (e) {
    if (isRrcuError(e)) return e;
    throw e;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  test('uses the embedded store defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      dataDir: './.rrcu/data',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      superAdmins: [],
      connectorAdmins: [],
      auditors: [],
      sessionIdleHours: 12,
      sessionMaxDays: 7,
      syncSchedule: '0 */6 * * *',
      trustedProxies: [],
      allowCustomEndpoints: false,
      allowHttpWebhooks: false,
      notifyDigestCron: '0 8 * * *',
      slackApiUrl: 'https://slack.com/api',
    });
  });

  test('reads trusted proxies as comma-separated addresses or CIDRs, and names a bad one', () => {
    expect(loadConfig({ RRCU_TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.5 ,fd00::/8' }).trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
    const e = failure({ RRCU_TRUSTED_PROXIES: '10.0.0.0/8, proxy.example.com' });
    expect(e.message).toContain('RRCU_TRUSTED_PROXIES');
    expect(e.fix).toContain('CIDRs');
  });

  test('allows custom endpoints only when told so in words a person writes', () => {
    expect(loadConfig({}).allowCustomEndpoints).toBe(false);
    for (const yes of ['true', '1', 'yes', 'on']) expect(loadConfig({ RRCU_ALLOW_CUSTOM_ENDPOINTS: yes }).allowCustomEndpoints).toBe(true);
    for (const no of ['false', '0', 'no', 'off']) expect(loadConfig({ RRCU_ALLOW_CUSTOM_ENDPOINTS: no }).allowCustomEndpoints).toBe(false);
    expect(failure({ RRCU_ALLOW_CUSTOM_ENDPOINTS: 'sometimes' }).message).toContain('RRCU_ALLOW_CUSTOM_ENDPOINTS');
  });

  test('allows plain http webhooks to any host only when told so', () => {
    expect(loadConfig({}).allowHttpWebhooks).toBe(false);
    expect(loadConfig({ RRCU_ALLOW_HTTP_WEBHOOKS: 'true' }).allowHttpWebhooks).toBe(true);
    expect(failure({ RRCU_ALLOW_HTTP_WEBHOOKS: 'maybe' }).message).toContain('RRCU_ALLOW_HTTP_WEBHOOKS');
  });

  test('reads the sync schedule as a five-field cron or "off", and names a bad one', () => {
    expect(loadConfig({ RRCU_SYNC_SCHEDULE: '30 2 * * *' }).syncSchedule).toBe('30 2 * * *');
    expect(loadConfig({ RRCU_SYNC_SCHEDULE: 'off' }).syncSchedule).toBe('off');
    const e = failure({ RRCU_SYNC_SCHEDULE: 'every hour' });
    expect(e.message).toContain('RRCU_SYNC_SCHEDULE');
    expect(e.fix).toContain('cron expression');
  });

  test('reads role lists as comma-separated, lower-cased emails, and names a bad one', () => {
    expect(loadConfig({ RRCU_SUPER_ADMINS: ' Carol@Example.com, dan@example.com ,' }).superAdmins).toEqual(['carol@example.com', 'dan@example.com']);
    const e = failure({ RRCU_AUDITORS: 'carol@example.com, not-an-email' });
    expect(e.message).toContain('RRCU_AUDITORS');
    expect(e.fix).toContain('comma-separated email addresses');
  });

  test('OpenID Connect needs its issuer, client id and secret together', () => {
    const e = failure({ RRCU_OIDC_ISSUER: 'https://idp.example.com', RRCU_OIDC_CLIENT_ID: 'rrcu' });
    expect(e.message).toContain('RRCU_OIDC_CLIENT_SECRET');
    expect(loadConfig({ RRCU_OIDC_ISSUER: 'https://idp.example.com', RRCU_OIDC_CLIENT_ID: 'rrcu', RRCU_OIDC_CLIENT_SECRET: 's3cret' }).oidcIssuer).toBe('https://idp.example.com');
  });

  test('email from the environment needs RRCU_SMTP_URL and RRCU_MAIL_FROM together, and never quotes the URL (it holds the password)', () => {
    const e = failure({ RRCU_SMTP_URL: 'smtps://u:pw-123@mail.example.com' });
    expect(e.message).toContain('RRCU_MAIL_FROM');
    expect(failure({ RRCU_SMTP_URL: 'https://u:pw-123@mail.example.com', RRCU_MAIL_FROM: 'a@b.c' }).message).not.toContain('pw-123');
    expect(loadConfig({ RRCU_SMTP_URL: 'smtp://mail.example.com:587', RRCU_MAIL_FROM: 'RRCU <rrcu@example.com>' })).toMatchObject({ smtpUrl: 'smtp://mail.example.com:587', mailFrom: 'RRCU <rrcu@example.com>', notifyDigestCron: '0 8 * * *' });
    expect(failure({ RRCU_NOTIFY_DIGEST_CRON: 'daily' }).message).toContain('RRCU_NOTIFY_DIGEST_CRON');
  });

  test('reads the environment, coercing numbers', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', RRCU_PORT: '9000', RRCU_DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h:5432/db', port: 9000, dataDir: '/tmp/x' });
  });

  test.each([
    [{ RRCU_PORT: 'eighty' }, 'RRCU_PORT', 'port number'],
    [{ RRCU_PORT: '70000' }, 'RRCU_PORT', 'port number'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'PostgreSQL URL'],
    [{ RRCU_SECRET_KEY: 'short' }, 'RRCU_SECRET_KEY', 'openssl rand'],
    [{ RRCU_LOG_LEVEL: 'loud' }, 'RRCU_LOG_LEVEL', 'one of fatal'],
  ])('rejects %o naming the variable and the fix', (env, name, fix) => {
    const e = failure(env);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(name);
    expect(e.fix).toContain(fix);
  });

  test('reads a JSON config file, with the environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrcu-config-'));
    const file = join(dir, 'rrcu.json');
    writeFileSync(file, JSON.stringify({ port: 7000, dataDir: '/srv/rrcu' }));
    expect(loadConfig({ RRCU_CONFIG: file, RRCU_PORT: '7100' })).toMatchObject({ port: 7100, dataDir: '/srv/rrcu' });
  });

  test('names the file and the setting when the file holds a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrcu-config-'));
    const file = join(dir, 'rrcu.json');
    writeFileSync(file, JSON.stringify({ port: -1 }));
    expect(failure({ RRCU_CONFIG: file }).message).toContain(`port in ${file}`);
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(failure({ RRCU_CONFIG: file }).message).toContain('unknown setting(s): prot');
    writeFileSync(file, '{ nope');
    expect(failure({ RRCU_CONFIG: file }).code).toBe('CONFIG_FILE_INVALID');
  });
});
