import { z } from 'zod';

/** The manifest's format: a reader refuses another, so a later change of shape is a new number. */
export const MANIFEST_FORMAT = 'rrcu-evidence-pack/1';

/** The files every pack has besides its tables' CSVs; the two manifest files are the only ones not listed. */
export const PACK_FILES = { pdf: 'report.pdf', json: 'report.json', publicKey: 'public-key.pem', manifest: 'manifest.json', signature: 'manifest.sig' } as const;

const fileSchema = z.object({ name: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * `manifest.json`: what the pack holds and what it rests on. `manifest.sig` is the Ed25519 signature (64
 * raw bytes) over the exact bytes of this file, so anyone holding the public key checks it with openssl.
 */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  /** The stored pack's id, when it was made as one (`rrcu evidence make --out` makes one too). */
  packId: z.string().nullable(),
  report: z.object({
    kind: z.string(),
    title: z.string(),
    organisation: z.string(),
    period: z.string(),
    parameters: z.record(z.string(), z.unknown()),
  }),
  rrcuVersion: z.string(),
  madeAt: z.string(),
  /** Who asked for the pack: `user:<id>`, `token:<id>`, `cli:<os user>`, and their name when RRCU knows it. */
  madeBy: z.object({ actor: z.string(), name: z.string().nullable() }),
  /** The sync runs the report rests on. */
  syncRunIds: z.array(z.number()),
  /** The audit log's last event when the pack was made: walking the chain later finds it unchanged, or the log was altered. */
  auditChainHead: z.object({ seq: z.number().int().min(0), hash: z.string() }),
  /** SHA-256 of report.json, the report's data: the PDF's cover prints it, so the printed document names the data it shows. */
  dataDigest: z.string(),
  /** SHA-256 of the signing key's DER, hex (`public-key.pem`'s fingerprint). */
  publicKeyFingerprint: z.string(),
  files: z.array(fileSchema).min(1),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;

/** The manifest as the bytes that are signed: indented, so a person reads it, and ending in a newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
