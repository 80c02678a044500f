import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RrcuError } from '../core/errors.ts';
import { CONFIG_ERRORS } from './errors.ts';
import type { Config } from './schema.ts';

/** The file an embedded install keeps its generated secret key in, inside the data directory. */
export const EMBEDDED_SECRET_KEY_FILE = 'secret-key';

/**
 * The configuration with a secret key: the one set (RRCU_SECRET_KEY), or, for the embedded store only,
 * one generated once into the data directory (mode 0600) and read from there after. So `npm start` seals
 * what it keeps (the demo's SCIM token, the evidence signing key) and signs evidence packs with no
 * setting. The file sits beside the data it protects, so it only guards the data copied without it; with
 * PostgreSQL (DATABASE_URL) several processes share no directory and nothing is generated: set
 * RRCU_SECRET_KEY. `generated` says whether this call wrote the file (to say so once in the log).
 */
export function withEmbeddedSecretKey(config: Config): { config: Config; generated: string | null } {
  if (config.secretKey || config.databaseUrl) return { config, generated: null };
  const file = join(config.dataDir, EMBEDDED_SECRET_KEY_FILE);
  const kept = readKey(file);
  if (kept !== null) return { config: { ...config, secretKey: kept }, generated: null };
  const key = randomBytes(48).toString('base64url');
  try {
    mkdirSync(config.dataDir, { recursive: true });
    // `wx`: two processes starting at once keep the first one's key, the second reads it.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { config: { ...config, secretKey: readKey(file) ?? '' }, generated: null };
    throw unusable(file, (e as Error).message, e);
  }
  return { config: { ...config, secretKey: key }, generated: file };
}

/** The key kept in `file`, null when there is no file yet; a file that holds no usable key is refused, never replaced (what it sealed would be lost). */
function readKey(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unusable(file, (e as Error).message, e);
  }
  if (text.length < 32) throw unusable(file, 'it holds fewer than 32 characters');
  return text;
}

function unusable(file: string, why: string, cause?: unknown): RrcuError {
  return new RrcuError(CONFIG_ERRORS.SECRET_KEY_FILE_UNUSABLE, `The embedded store's secret key file ${file} cannot be used: ${why}.`, {
    fix: 'Make the data directory readable and writable (RRCU_DATA_DIR), put back the file the secrets were sealed with, or set RRCU_SECRET_KEY to that key.',
    ...(cause ? { cause } : {}),
  });
}
