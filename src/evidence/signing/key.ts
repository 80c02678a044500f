import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { RrcuError } from '../../core/errors.ts';
import { openSecret, sealSecret } from '../../core/secret-box.ts';
import { evidenceSigningKeys, type Db } from '../../store/index.ts';
import { EVIDENCE_ERRORS } from '../errors.ts';

/** The key's row name: one key today; a rotation would add rows, never replace this one (migration 0015). */
const KEY_NAME = 'evidence';

export type PublicKeyView = {
  algorithm: 'ed25519';
  /** SubjectPublicKeyInfo, PEM: what `openssl pkeyutl -verify -pubin -inkey` takes. */
  publicKeyPem: string;
  /** SHA-256 of the key's DER, hex: `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`. */
  fingerprint: string;
};

/** Signs evidence: the private key opened in memory, for one pack's making. */
export type EvidenceSigner = PublicKeyView & { sign(data: Buffer): Buffer };

/** SHA-256 of a PEM public key's DER form, hex. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64')).digest('hex');
}

/** Refuses at once when packs cannot be signed in this process (no RRCU_SECRET_KEY), rather than after a pack was made. */
export function assertCanSign(secretKey: string | undefined): asserts secretKey is string {
  if (!secretKey) {
    throw new RrcuError(EVIDENCE_ERRORS.SIGNING_KEY_UNAVAILABLE, 'RRCU_SECRET_KEY is not set, so the key evidence packs are signed with can be neither made nor opened.', {
      fix: 'Set RRCU_SECRET_KEY to a random string of 32+ characters (e.g. `openssl rand -base64 48`) and keep it: the signing key is stored encrypted with it.',
    });
  }
}

/** The public key packs are signed with, made on first use; it is safe to show to anyone. */
export async function evidencePublicKey(db: Db, secretKey: string | undefined): Promise<PublicKeyView> {
  const row = await ensureKey(db, secretKey);
  return { algorithm: 'ed25519', publicKeyPem: row.publicKeyPem, fingerprint: row.fingerprint };
}

/** The signer: the private key opened with RRCU_SECRET_KEY, in memory only, never returned by a door. */
export async function evidenceSigner(db: Db, secretKey: string | undefined): Promise<EvidenceSigner> {
  const row = await ensureKey(db, secretKey);
  return signerOf(createPrivateKey(openSecret(row.privateKeySealed, secretKey as string)));
}

/** A signer with this Ed25519 private key (the stored one, or a test's own). */
export function signerOf(privateKey: KeyObject): EvidenceSigner {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    algorithm: 'ed25519',
    publicKeyPem,
    fingerprint: publicKeyFingerprint(publicKeyPem),
    // Ed25519 takes no digest of its own (null): it signs the bytes, as `openssl pkeyutl -rawin` verifies them.
    sign: (data) => sign(null, data, privateKey),
  };
}

/**
 * The stored key, made once: the first process to insert wins and every other reads its row, so two
 * processes starting at once agree on one key.
 */
async function ensureKey(db: Db, secretKey: string | undefined) {
  assertCanSign(secretKey);
  const found = await readKey(db);
  if (found) return found;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await db
    .insert(evidenceSigningKeys)
    .values({
      name: KEY_NAME,
      algorithm: 'ed25519',
      publicKeyPem,
      fingerprint: publicKeyFingerprint(publicKeyPem),
      privateKeySealed: sealSecret(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), secretKey),
    })
    .onConflictDoNothing();
  return (await readKey(db))!;
}

async function readKey(db: Db) {
  const [row] = await db.select().from(evidenceSigningKeys).where(eq(evidenceSigningKeys.name, KEY_NAME));
  return row;
}
