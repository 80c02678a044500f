import { readFileSync } from 'node:fs';
import { RrcuError } from '../core/errors.ts';
import { ENV_NAMES, FIXES, configSchema, type Config } from './schema.ts';
import { CONFIG_ERRORS } from './errors.ts';

/**
 * Reads the configuration once: the JSON file named by `RRCU_CONFIG` (if any), then the environment on
 * top. A bad value stops start-up with the setting's name, what is wrong with the value, and the fix.
 */
const SECRET_SETTINGS = new Set<keyof Config>(['secretKey', 'databaseUrl', 'oidcClientSecret', 'smtpUrl']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.RRCU_CONFIG ? readConfigFile(env.RRCU_CONFIG) : {};
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = configSchema.safeParse(merged);
  if (parsed.success) return checkTogether(parsed.data);

  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof Config | undefined;
    if (key === undefined || !(key in ENV_NAMES)) return { where: 'configuration', problem: issue.message, fix: undefined };
    const fromEnv = env[ENV_NAMES[key]];
    const source = fromEnv ? ENV_NAMES[key] : env.RRCU_CONFIG ? `${key} in ${env.RRCU_CONFIG}` : ENV_NAMES[key];
    // Quote the value so the user sees what was read, except where it may hold a secret.
    const shown = fromEnv && !SECRET_SETTINGS.has(key) ? `=${JSON.stringify(fromEnv)}` : '';
    return { where: `${source}${shown}`, problem: issue.message, fix: FIXES[key] };
  });
  const first = problems[0]!;
  throw new RrcuError(
    CONFIG_ERRORS.CONFIG_INVALID,
    problems.map((p) => `${p.where}: ${p.problem}`).join('; '),
    { fix: problems.map((p) => p.fix).filter(Boolean).join(' ') || `Correct ${first.where}.` },
  );
}

/** Settings that only make sense as a set. */
function checkTogether(config: Config): Config {
  const oidc = [config.oidcIssuer, config.oidcClientId, config.oidcClientSecret];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_INVALID, 'OpenID Connect sign-in needs RRCU_OIDC_ISSUER, RRCU_OIDC_CLIENT_ID and RRCU_OIDC_CLIENT_SECRET together; only some are set.', {
      fix: 'Set all three (from the RRCU app registered at your IdP), or none to sign in as the local administrator.',
    });
  }
  if (Boolean(config.smtpUrl) !== Boolean(config.mailFrom)) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_INVALID, `Email notifications from the environment need RRCU_SMTP_URL and RRCU_MAIL_FROM together; only ${config.smtpUrl ? 'RRCU_SMTP_URL' : 'RRCU_MAIL_FROM'} is set.`, {
      fix: 'Set both (the SMTP server and the sender address), or neither and add an email channel under Settings → Notifications.',
    });
  }
  return config;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_FILE_UNREADABLE, `RRCU_CONFIG names ${path}, which cannot be read (${(e as Error).message}).`, {
      fix: 'Point RRCU_CONFIG at a readable JSON file, or unset it.',
      cause: e,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_FILE_INVALID, `${path} is not valid JSON: ${(e as Error).message}.`, {
      fix: 'Fix the JSON syntax of the config file.',
      cause: e,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_FILE_INVALID, `${path} must hold a JSON object of settings.`, {
      fix: 'Write the settings as {"dataDir": "...", "port": 8080}.',
    });
  }
  const known = new Set(Object.keys(ENV_NAMES));
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_FILE_INVALID, `${path} has unknown setting(s): ${unknown.join(', ')}.`, {
      fix: `Use only: ${[...known].join(', ')}.`,
    });
  }
  return value as Record<string, unknown>;
}
