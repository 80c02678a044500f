export type Gate = { enter(signal?: AbortSignal): Promise<() => void> };

/** At most `limit` holders at once; the others wait, first come first served. `enter` resolves to the release. */
export function createGate(limit: number): Gate {
  let held = 0;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else held--;
    };
  };
  return {
    async enter(signal) {
      signal?.throwIfAborted();
      if (held < limit) {
        held++;
        return releaser();
      }
      // A released slot passes straight to the next waiter, so `held` stays counted.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(wake), 1);
          reject(signal?.reason);
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      return releaser();
    },
  };
}
