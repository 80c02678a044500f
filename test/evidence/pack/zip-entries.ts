import yauzl from 'yauzl';
import yazl from 'yazl';

/** Every entry of a zip, by name, in its order. */
export async function entriesOf(zip: Buffer): Promise<[string, Buffer][]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out: [string, Buffer][] = [];
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      file.once('entry', resolve).once('end', () => resolve(undefined)).once('error', reject);
      file.readEntry();
    });
    file.removeAllListeners();
    if (!entry) return out;
    const chunks: Buffer[] = [];
    for await (const c of await file.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push([entry.fileName, Buffer.concat(chunks)]);
  }
}

/** A zip of these entries, as someone re-packing a pack by hand would make it. */
export async function zipOf(entries: [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

