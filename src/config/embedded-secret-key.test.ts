import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../core/errors.ts';
import { EMBEDDED_SECRET_KEY_FILE, withEmbeddedSecretKey } from './embedded-secret-key.ts';
import { loadConfig } from './load.ts';

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'rrcu-key-')), 'data');

describe('withEmbeddedSecretKey', () => {
  test('the embedded store without RRCU_SECRET_KEY gets one key, generated once into its data directory (0600), the same on every start', () => {
    const dir = dataDir();
    const first = withEmbeddedSecretKey(loadConfig({ RRCU_DATA_DIR: dir }));
    expect(first.generated).toBe(join(dir, EMBEDDED_SECRET_KEY_FILE));
    expect(first.config.secretKey!.length).toBeGreaterThanOrEqual(32);
    expect(statSync(first.generated!).mode & 0o777).toBe(0o600);
    const again = withEmbeddedSecretKey(loadConfig({ RRCU_DATA_DIR: dir }));
    expect(again).toEqual({ config: expect.objectContaining({ secretKey: first.config.secretKey }), generated: null });
  });

  test('a key that is set wins, and PostgreSQL never gets a generated one', () => {
    const dir = dataDir();
    const set = 'k'.repeat(40);
    expect(withEmbeddedSecretKey(loadConfig({ RRCU_DATA_DIR: dir, RRCU_SECRET_KEY: set }))).toEqual({ config: expect.objectContaining({ secretKey: set }), generated: null });
    const pg = withEmbeddedSecretKey(loadConfig({ RRCU_DATA_DIR: dir, DATABASE_URL: 'postgres://u@h:5432/db' }));
    expect(pg.config.secretKey).toBeUndefined();
    expect(existsSync(join(dir, EMBEDDED_SECRET_KEY_FILE))).toBe(false);
  });

  test('a key file that holds no usable key is refused and left as it is, never replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrcu-key-'));
    const file = join(dir, EMBEDDED_SECRET_KEY_FILE);
    writeFileSync(file, 'short\n');
    try {
      withEmbeddedSecretKey(loadConfig({ RRCU_DATA_DIR: dir }));
      expect.unreachable();
    } catch (e) {
      expect(isRrcuError(e, 'SECRET_KEY_FILE_UNUSABLE')).toBe(true);
    }
    expect(readFileSync(file, 'utf8')).toBe('short\n');
  });
});
