import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Text written in chunks of about 64 KiB, waiting for `drain` when the Writable asks to: a 100k-row file
 * then never sits whole in the stream's buffer, however fast the rows come.
 */
export class ChunkedWriter {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (!this.out.write(text, 'utf8')) await waitForDrain(this.out);
  }

  /** Flushes, ends the Writable and resolves once it has finished (or rejects with its error). */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}

/** Waits for `drain`, or rejects if the Writable fails or closes first (a reader gone away). */
export async function waitForDrain(out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: ac.signal }), finished(out, { signal: ac.signal }).then(() => {
      throw new Error('the output closed before the file was written');
    })]);
  } finally {
    ac.abort();
  }
}
