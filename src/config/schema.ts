import { z } from 'zod';

/**
 * RRCU's settings. Each can come from the environment (the name in `ENV_NAMES`) or from the optional
 * JSON config file (`RRCU_CONFIG`, camelCase keys); the environment wins.
 */
export const configSchema = z.object({
  databaseUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  dataDir: z.string().trim().min(1).max(1024).default('./.rrcu/data'),
  secretKey: z.string().trim().min(32, 'must be at least 32 characters').max(1024).optional(),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export const ENV_NAMES: Record<keyof Config, string> = {
  databaseUrl: 'DATABASE_URL',
  dataDir: 'RRCU_DATA_DIR',
  secretKey: 'RRCU_SECRET_KEY',
  port: 'RRCU_PORT',
  host: 'RRCU_HOST',
  logLevel: 'RRCU_LOG_LEVEL',
};

/** What to do when a setting is wrong, said once per setting. */
export const FIXES: Record<keyof Config, string> = {
  databaseUrl: 'Set DATABASE_URL to a PostgreSQL URL such as postgres://user@127.0.0.1:5432/rrcu, or unset it to use the embedded store.',
  dataDir: 'Set RRCU_DATA_DIR to a writable directory, or unset it to use ./.rrcu/data.',
  secretKey: 'Set RRCU_SECRET_KEY to a random string of 32+ characters, e.g. the output of `openssl rand -base64 48`.',
  port: 'Set RRCU_PORT to a port number between 0 and 65535.',
  host: 'Set RRCU_HOST to the address to listen on, e.g. 127.0.0.1 or 0.0.0.0.',
  logLevel: 'Set RRCU_LOG_LEVEL to one of fatal, error, warn, info, debug, trace, silent.',
};
