import { isRrcuError } from '../core/errors.ts';

/** Exit codes of every `rrcu` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function printError(e: unknown): void {
  if (isRrcuError(e)) {
    process.stderr.write(`error: ${e.message}\n`);
    if (e.fix) process.stderr.write(`fix:   ${e.fix}\n`);
    return;
  }
  process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
