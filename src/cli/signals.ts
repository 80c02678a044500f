/**
 * Resolves at the first SIGINT (Ctrl-C) or SIGTERM, for commands that serve until told to stop. Call it
 * before starting: until a listener exists, a signal takes its default action and kills the process.
 */
export function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
