/**
 * Runs `fn` over `items` with at most `limit` calls in flight, resolving in input order. The first
 * failure stops new work and is thrown once the calls in flight settle.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
  return results;
}

/**
 * Drains up to `limit` async generators at once, yielding their items as they come. Each source's own
 * order is kept, so a marker a source yields after its items still follows them in the merged stream.
 * The first failure stops the merge and is thrown.
 */
export async function* mergeConcurrent<T>(sources: Iterable<() => AsyncGenerator<T, void>>, limit: number): AsyncGenerator<T, void> {
  const pending = sources[Symbol.iterator]();
  type Running = { generator: AsyncGenerator<T, void>; next: Promise<{ running: Running; result: IteratorResult<T, void> }> };
  const running = new Set<Running>();
  const advance = (r: Running) => {
    r.next = r.generator.next().then((result) => ({ running: r, result }));
    // A step started before the consumer stopped, or after another source failed, may fail with no
    // race left to observe it; Node would treat that rejection as unhandled and end the process.
    // The first failure still reaches the consumer through the race.
    r.next.catch(() => undefined);
  };
  const start = () => {
    while (running.size < limit) {
      const source = pending.next();
      if (source.done) return;
      const r = { generator: source.value() } as Running;
      advance(r);
      running.add(r);
    }
  };
  try {
    start();
    while (running.size > 0) {
      const { running: r, result } = await Promise.race([...running].map((x) => x.next));
      if (result.done) {
        running.delete(r);
        start();
        continue;
      }
      advance(r);
      yield result.value;
    }
  } finally {
    // Stop the others when the consumer stops early or one source failed.
    await Promise.allSettled([...running].map((r) => r.generator.return(undefined)));
  }
}
