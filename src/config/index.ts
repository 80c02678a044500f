export { loadConfig } from './load.ts';
export { configSchema, ENV_NAMES, type Config } from './schema.ts';
export { EMBEDDED_SECRET_KEY_FILE, withEmbeddedSecretKey } from './embedded-secret-key.ts';
