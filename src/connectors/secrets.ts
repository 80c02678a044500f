/** A connector's secrets: sealed with RRCU_SECRET_KEY when saved, opened in memory only when used. */
import { eq } from 'drizzle-orm';
import { RrcuError } from '../core/errors.ts';
import { openSecret, sealSecret, SECRET_ERRORS } from '../core/secret-box.ts';
import { connectors, type Db } from '../store/index.ts';
import { awsConnectorSecretsSchema, type AwsConnectorSecrets } from './aws/config.ts';
import type { ConnectorRecord } from './records.ts';

/** A connector's secrets, decrypted in memory only. */
export async function connectorSecrets(db: Db, record: Pick<ConnectorRecord, 'id'>, secretKey: string | undefined): Promise<AwsConnectorSecrets> {
  const [row] = await db.select({ sealed: connectors.secretsCiphertext }).from(connectors).where(eq(connectors.id, record.id));
  return row?.sealed ? openSecrets(row.sealed, secretKey) : {};
}

export function sealSecrets(secrets: AwsConnectorSecrets, secretKey: string | undefined): string | null {
  if (Object.keys(secrets).length === 0) return null;
  if (!secretKey) {
    throw new RrcuError(SECRET_ERRORS.SECRET_KEY_MISSING, 'RRCU_SECRET_KEY is not set, so the SCIM token cannot be stored encrypted.', {
      fix: 'Set RRCU_SECRET_KEY to a random string of 32+ characters (e.g. `openssl rand -base64 48`) and keep it: the token cannot be read without it.',
    });
  }
  return sealSecret(JSON.stringify(secrets), secretKey);
}

export function openSecrets(sealed: string, secretKey: string | undefined): AwsConnectorSecrets {
  if (!secretKey) {
    throw new RrcuError(SECRET_ERRORS.SECRET_KEY_MISSING, 'This connector has an encrypted SCIM token, but RRCU_SECRET_KEY is not set.', {
      fix: 'Start RRCU with the RRCU_SECRET_KEY the token was saved with.',
    });
  }
  return awsConnectorSecretsSchema.parse(JSON.parse(openSecret(sealed, secretKey)));
}
