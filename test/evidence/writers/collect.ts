import { Writable } from 'node:stream';

/** A Writable that keeps what it is given, and a promise of it all once the writer has ended it. */
export function collector(): { out: Writable; bytes: Promise<Buffer> } {
  const chunks: Buffer[] = [];
  let resolve!: (b: Buffer) => void;
  const bytes = new Promise<Buffer>((r) => (resolve = r));
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  out.on('finish', () => resolve(Buffer.concat(chunks)));
  return { out, bytes };
}
