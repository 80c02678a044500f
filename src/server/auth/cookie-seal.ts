import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appSettings, type Db } from '../../store/index.ts';

const SETTING = 'cookie_secret';
// One key per database, shared by every RRCU process on it; read once per process.
const keys = new WeakMap<Db, Promise<Buffer>>();

/**
 * The key that seals short-lived cookies (the OIDC flow's state), generated on first use and kept in
 * app_settings so every instance behind a load balancer opens what another sealed.
 */
export function cookieKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadOrCreateKey(db);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

async function loadOrCreateKey(db: Db): Promise<Buffer> {
  await db.insert(appSettings).values({ key: SETTING, value: randomBytes(32).toString('base64url') }).onConflictDoNothing({ target: appSettings.key });
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, SETTING));
  if (typeof row?.value !== 'string') throw new Error(`app_settings.${SETTING} is not a string`);
  // Derived per purpose, so the stored secret could later seal something else without reusing a key.
  return createHmac('sha256', Buffer.from(row.value, 'base64url')).update('rrcu cookie seal v1').digest();
}

/** AES-256-GCM: the browser carries the value but can neither read nor alter it. */
export function seal(key: Buffer, value: unknown, ttlMs: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = JSON.stringify({ v: value, exp: Date.now() + ttlMs });
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** The sealed value, or undefined when it was altered, sealed with another key, or has expired. */
export function unseal(key: Buffer, sealed: string): unknown {
  const [iv, body, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const opened = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as { v: unknown; exp: number };
    return typeof opened.exp === 'number' && opened.exp > Date.now() ? opened.v : undefined;
  } catch {
    return undefined;
  }
}
