import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The receiver's code that docs/notifications.md gives (signature check, continuity check), loaded as
 * written, so the tests run what a reader would copy rather than their own version of it.
 */
const doc = readFileSync(new URL('../../docs/notifications.md', import.meta.url), 'utf8');
/** The code block of `lang` that defines `name` (other sections of the page have code blocks too). */
function block(lang: string, name: string): string {
  const found = [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).find((code) => code.includes(name));
  if (!found) throw new Error(`docs/notifications.md has no ${lang} block defining ${name}`);
  return found;
}

export type ChainPoint = { seq: number; hash: string };
export type NodeReceiver = {
  verifyRrcuWebhook(secret: string, rawBody: Buffer, headers: Record<string, string>, nowMs?: number): boolean;
  continueChain<E extends ChainPoint>(last: ChainPoint, events: readonly E[]): { fresh: E[]; last: ChainPoint };
};

export async function nodeReceiver(): Promise<NodeReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-docs-receiver-'));
  writeFileSync(join(dir, 'verify.mjs'), block('js', 'function verifyRrcuWebhook'));
  writeFileSync(join(dir, 'chain.mjs'), block('js', 'function continueChain'));
  const { verifyRrcuWebhook } = (await import(pathToFileURL(join(dir, 'verify.mjs')).href)) as Pick<NodeReceiver, 'verifyRrcuWebhook'>;
  const { continueChain } = (await import(pathToFileURL(join(dir, 'chain.mjs')).href)) as Pick<NodeReceiver, 'continueChain'>;
  return { verifyRrcuWebhook, continueChain };
}

export const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** Runs the docs' Python functions, then `main` (Python reading `case` from stdin), and returns what it printed as JSON. */
export function runPythonReceiver(main: string, input: unknown): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-docs-receiver-'));
  const verify = block('python', 'def verify_rrcu_webhook');
  const chain = block('python', 'def continue_chain');
  writeFileSync(join(dir, 'receiver.py'), `${verify}\n${chain}\nimport json, sys\ncase = json.load(sys.stdin)\n${main}\n`);
  return JSON.parse(execFileSync('python3', [join(dir, 'receiver.py')], { input: JSON.stringify(input) }).toString());
}
