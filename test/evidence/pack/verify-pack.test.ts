import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { manifestBytes, verifyPack, type Manifest } from '../../../src/evidence/pack/index.ts';
import type { EvidenceSigner } from '../../../src/evidence/signing/index.ts';
import { makePack, newSigner, smallReport } from './pack-fixtures.ts';
import { entriesOf, zipOf } from './zip-entries.ts';

async function edited(zip: Buffer, edit: (entries: [string, Buffer][]) => [string, Buffer][]): Promise<Buffer> {
  return zipOf(edit(await entriesOf(zip)));
}

describe('verifyPack: the signature, every digest, nothing unlisted', () => {
  let signer: EvidenceSigner;
  let pack: Awaited<ReturnType<typeof makePack>>;
  beforeAll(async () => {
    signer = newSigner();
    pack = await makePack(smallReport(), signer);
  });
  afterAll(() => pack.cleanup());

  test('a good pack holds, with the key it carries and with the key given', async () => {
    const names = (await entriesOf(pack.bytes)).map(([n]) => n);
    expect(names).toEqual(['manifest.json', 'manifest.sig', 'report.json', 'grants.csv', 'report.pdf', 'public-key.pem']);
    const own = await verifyPack(pack.bytes);
    expect(own).toMatchObject({ ok: true, key: 'pack', fingerprint: signer.fingerprint });
    const given = await verifyPack(pack.bytes, { publicKeyPem: signer.publicKeyPem });
    expect(given).toMatchObject({ ok: true, key: 'given', manifest: { report: { kind: 'access_at' }, syncRunIds: [7], auditChainHead: { seq: 3 } } });
  });

  test('a file changed and zipped again: its SHA-256 differs from the manifest', async () => {
    const tampered = await edited(pack.bytes, (es) => es.map(([n, b]) => [n, n === 'grants.csv' ? Buffer.from(b.toString('utf8').replace('user-3', 'user-9')) : b]));
    expect(await verifyPack(tampered)).toEqual({ ok: false, problem: 'grants.csv: SHA-256 differs from the manifest' });
  });

  test('one byte changed in the zip itself: the file it falls in is named', async () => {
    const bytes = Buffer.from(pack.bytes);
    // The CSV's compressed data follows its local header (30 bytes, the name, the extra field); a byte flipped there
    // either breaks the inflate or inflates to other bytes (the zip's CRC-32 is not what is trusted: the manifest's SHA-256 is).
    const header = bytes.indexOf(Buffer.from('grants.csv')) - 30;
    const at = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28) + 5;
    bytes[at] = bytes[at]! ^ 0xff;
    const verdict = await verifyPack(bytes);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.problem).toMatch(/^grants\.csv: (cannot be read from the zip|SHA-256 differs from the manifest)/);
  });

  test('a file removed: named as listed but missing', async () => {
    const removed = await edited(pack.bytes, (es) => es.filter(([n]) => n !== 'report.pdf'));
    expect(await verifyPack(removed)).toEqual({ ok: false, problem: 'report.pdf listed in the manifest is missing' });
  });

  test('a file added: unlisted', async () => {
    const added = await edited(pack.bytes, (es) => [...es, ['notes.txt', Buffer.from('hello')]]);
    expect(await verifyPack(added)).toEqual({ ok: false, problem: 'unlisted file notes.txt: it is in the zip but not in the manifest' });
  });

  test('a forged manifest (the changed file\'s digest put in it): the signature does not verify', async () => {
    const forged = await edited(pack.bytes, (es) => {
      const csv = Buffer.from('principal,account\r\nnobody,000000000000\r\n');
      const manifest = JSON.parse(es.find(([n]) => n === 'manifest.json')![1].toString('utf8')) as Manifest;
      manifest.files = manifest.files.map((f) => (f.name === 'grants.csv' ? { ...f, size: csv.length, sha256: createHash('sha256').update(csv).digest('hex') } : f));
      return es.map(([n, b]) => [n, n === 'grants.csv' ? csv : n === 'manifest.json' ? manifestBytes(manifest) : b]);
    });
    expect(await verifyPack(forged)).toEqual({
      ok: false,
      problem: 'manifest.sig does not verify with the public key in the pack (public-key.pem): manifest.json was changed, or signed with another key',
    });
  });

  test('a pack re-signed with another key passes on its own key only: the key given catches it', async () => {
    const other = newSigner();
    const resigned = await edited(pack.bytes, (es) => {
      const manifest = JSON.parse(es.find(([n]) => n === 'manifest.json')![1].toString('utf8')) as Manifest;
      manifest.publicKeyFingerprint = other.fingerprint;
      const pem = Buffer.from(other.publicKeyPem);
      manifest.files = manifest.files.map((f) => (f.name === 'public-key.pem' ? { ...f, size: pem.length, sha256: createHash('sha256').update(pem).digest('hex') } : f));
      const bytes = manifestBytes(manifest);
      return es.map(([n, b]) => [n, n === 'manifest.json' ? bytes : n === 'manifest.sig' ? other.sign(bytes) : n === 'public-key.pem' ? pem : b]);
    });
    expect(await verifyPack(resigned)).toMatchObject({ ok: true, key: 'pack', fingerprint: other.fingerprint });
    expect(await verifyPack(resigned, { publicKeyPem: signer.publicKeyPem })).toEqual({
      ok: false,
      problem: 'manifest.sig does not verify with the public key given: manifest.json was changed, or signed with another key',
    });
  });

  test('a name twice in the zip, a missing signature, not a zip at all', async () => {
    const twice = await edited(pack.bytes, (es) => [...es, ['grants.csv', Buffer.from('x')]]);
    expect(await verifyPack(twice)).toEqual({ ok: false, problem: 'grants.csv appears twice in the zip' });
    const unsigned = await edited(pack.bytes, (es) => es.filter(([n]) => n !== 'manifest.sig'));
    expect(await verifyPack(unsigned)).toEqual({ ok: false, problem: 'manifest.sig is missing' });
    const verdict = await verifyPack(Buffer.from('not a zip'));
    expect(verdict.ok === false && verdict.problem).toMatch(/^the file is not a readable zip/);
  });
});
