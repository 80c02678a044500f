/**
 * One read for every caller that asks for the same thing at the same moment. A read is sent on the
 * next turn of the event loop after the first ask, so callers woken together (the operations one
 * status listing found ended) share it, and each caller's answer was read after it asked: a read
 * already on its way is never joined, since it may predate the change the caller wants to see.
 */
export type SharedRead<K, V> = (key: K, signal?: AbortSignal) => Promise<V>;

export function createSharedRead<K, V>(read: (key: K) => Promise<V>, idOf: (key: K) => string): SharedRead<K, V> {
  const gathering = new Map<string, Promise<V>>();
  return (key, signal) => {
    signal?.throwIfAborted();
    const id = idOf(key);
    let shared = gathering.get(id);
    if (!shared) {
      shared = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        gathering.delete(id);
        return read(key);
      });
      // Each caller handles the outcome through its own promise below.
      shared.catch(() => undefined);
      gathering.set(id, shared);
    }
    return signal ? abandonable(shared, signal) : shared;
  };
}

/** `promise`, or the signal's reason as soon as the caller gives up (the shared read goes on for the others). */
function abandonable<V>(promise: Promise<V>, signal: AbortSignal): Promise<V> {
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}
