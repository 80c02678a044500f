import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import yauzl from 'yauzl';
import { publicKeyFingerprint } from '../signing/index.ts';
import { manifestSchema, PACK_FILES, type Manifest } from './manifest.ts';

/** A pack's verdict: whether everything holds, and if not the first thing that does not, in words. */
export type PackVerdict =
  | { ok: true; manifest: Manifest; fingerprint: string; key: 'given' | 'pack' }
  | { ok: false; problem: string };

/** What the zip holds: each entry's digest and size, and the bytes of the few small files verification reads. */
type Entry = { sha256: string; size: number; bytes?: Buffer };
const KEPT = new Set<string>([PACK_FILES.manifest, PACK_FILES.signature, PACK_FILES.publicKey]);

/**
 * Checks a pack as an auditor would, offline: the manifest's signature with the public key given (or, without
 * one, the key the pack carries, which proves only that the pack is whole: compare its fingerprint with
 * RRCU's), then every listed file's SHA-256, then that nothing else is in the zip. Names the first thing
 * that does not hold. Pure but for reading the zip.
 */
export async function verifyPack(zip: Buffer, options: { publicKeyPem?: string } = {}): Promise<PackVerdict> {
  const fail = (problem: string): PackVerdict => ({ ok: false, problem });
  let entries: Map<string, Entry>;
  try {
    entries = await readEntries(zip);
  } catch (e) {
    return fail((e as Error).message);
  }
  const manifestBytes = entries.get(PACK_FILES.manifest)?.bytes;
  const signature = entries.get(PACK_FILES.signature)?.bytes;
  if (!manifestBytes) return fail(`${PACK_FILES.manifest} is missing`);
  if (!signature) return fail(`${PACK_FILES.signature} is missing`);

  const packKey = entries.get(PACK_FILES.publicKey)?.bytes?.toString('utf8');
  const keyPem = options.publicKeyPem ?? packKey;
  const whose = options.publicKeyPem !== undefined ? 'the public key given' : `the public key in the pack (${PACK_FILES.publicKey})`;
  if (keyPem === undefined) return fail(`${PACK_FILES.publicKey} is missing and no public key was given`);
  let key: KeyObject;
  try {
    key = createPublicKey(keyPem);
    if (key.asymmetricKeyType !== 'ed25519') return fail(`${whose} is a ${key.asymmetricKeyType} key, not Ed25519`);
  } catch {
    return fail(`${whose} is not a readable public key (PEM)`);
  }
  if (!verify(null, manifestBytes, key, signature)) return fail(`${PACK_FILES.signature} does not verify with ${whose}: ${PACK_FILES.manifest} was changed, or signed with another key`);

  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (e) {
    return fail(`${PACK_FILES.manifest} is signed but not a manifest this RRCU reads (${(e as Error).message.split('\n')[0]})`);
  }
  for (const file of manifest.files) {
    const found = entries.get(file.name);
    if (!found) return fail(`${file.name} listed in the manifest is missing`);
    if (found.sha256 !== file.sha256) return fail(`${file.name}: SHA-256 differs from the manifest`);
    if (found.size !== file.size) return fail(`${file.name}: size differs from the manifest (${found.size} bytes, the manifest says ${file.size})`);
  }
  const listed = new Set([PACK_FILES.manifest, PACK_FILES.signature, ...manifest.files.map((f) => f.name)]);
  const unlisted = [...entries.keys()].find((name) => !listed.has(name));
  if (unlisted !== undefined) return fail(`unlisted file ${unlisted}: it is in the zip but not in the manifest`);

  const fingerprint = publicKeyFingerprint(key.export({ type: 'spki', format: 'pem' }).toString());
  if (manifest.publicKeyFingerprint !== fingerprint) return fail(`${PACK_FILES.manifest} names the key ${manifest.publicKeyFingerprint}, not the key it verifies with (${fingerprint})`);
  if (packKey !== undefined && publicKeyFingerprint(packKey) !== fingerprint) return fail(`${PACK_FILES.publicKey} in the pack is not ${whose}`);
  return { ok: true, manifest, fingerprint, key: options.publicKeyPem !== undefined ? 'given' : 'pack' };
}

/** The names of a pack's files, and the bytes of those `wanted` picks (`rrcu report` writes one file out of a pack). */
export async function packFiles(zip: Buffer, wanted: (name: string) => boolean): Promise<Map<string, Buffer | undefined>> {
  const entries = await readEntries(zip, wanted);
  return new Map([...entries].map(([name, entry]) => [name, entry.bytes]));
}

/**
 * Every entry of the zip, hashed as it is inflated (yauzl checks each one's size, not its CRC-32: the
 * manifest's SHA-256 is what is trusted); a name seen twice is refused.
 */
async function readEntries(zip: Buffer, keep: (name: string) => boolean = (name) => KEPT.has(name)): Promise<Map<string, Entry>> {
  let file: yauzl.ZipFile;
  try {
    file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (e) {
    throw new Error(`the file is not a readable zip (${(e as Error).message})`, { cause: e });
  }
  // An error after the entry being read was settled (the reader's own) must not go unheard as an 'error' event.
  file.on('error', () => {});
  const entries = new Map<string, Entry>();
  try {
    for (;;) {
      const entry = await nextEntry(file);
      if (!entry) return entries;
      // Two entries of one name: tools disagree on which one is "the" file, so the pack cannot mean one thing.
      if (entries.has(entry.fileName)) throw new Error(`${entry.fileName} appears twice in the zip`);
      try {
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of await file.openReadStreamPromise(entry)) {
          hash.update(chunk as Buffer);
          size += (chunk as Buffer).length;
          if (keep(entry.fileName)) chunks.push(chunk as Buffer);
        }
        entries.set(entry.fileName, { sha256: hash.digest('hex'), size, ...(keep(entry.fileName) ? { bytes: Buffer.concat(chunks) } : {}) });
      } catch (e) {
        throw new Error(`${entry.fileName}: cannot be read from the zip (${(e as Error).message})`, { cause: e });
      }
    }
  } finally {
    file.close();
  }
}

function nextEntry(file: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      file.off('entry', onEntry);
      file.off('end', onEnd);
      file.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (e: Error) => (cleanup(), reject(new Error(`the zip is damaged (${e.message})`, { cause: e })));
    file.once('entry', onEntry);
    file.once('end', onEnd);
    file.once('error', onError);
    file.readEntry();
  });
}
