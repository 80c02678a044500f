import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EvidenceSigner } from '../../../src/evidence/signing/index.ts';
import { makePack, newSigner, smallReport } from './pack-fixtures.ts';
import { entriesOf, zipOf } from './zip-entries.ts';

const run = promisify(execFile);

/** The README's recipe, as an auditor copies it: the one line that starts by unzipping pack.zip. */
const RECIPE = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  .split('\n')
  .find((line) => line.startsWith('unzip -q -o pack.zip'));

/** Runs the recipe in a folder holding `zip` as pack.zip and the public key the auditor got from RRCU: its exit code and what it printed. */
async function recipeOn(zip: string, extra: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rrcu-recipe-'));
  try {
    await copyFile(zip, join(dir, 'pack.zip'));
    for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
    const { stdout, stderr } = await run('bash', ['-c', RECIPE!], { cwd: dir });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the README\'s openssl recipe, without RRCU', () => {
  let signer: EvidenceSigner;
  let pack: Awaited<ReturnType<typeof makePack>>;
  let dir: string;
  beforeAll(async () => {
    signer = newSigner();
    pack = await makePack(smallReport(), signer);
    dir = await mkdtemp(join(tmpdir(), 'rrcu-recipe-packs-'));
  });
  afterAll(async () => {
    await pack.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  test('the README has it', () => {
    expect(RECIPE).toContain('openssl pkeyutl -verify');
  });

  test('verifies a good pack: the signature and every digest', async () => {
    const { code, out } = await recipeOn(pack.path, { 'rrcu-public-key.pem': signer.publicKeyPem });
    expect(out).toContain('Signature Verified Successfully');
    expect(out).toContain('grants.csv: OK');
    expect(out).toContain('report.pdf: OK');
    expect(code).toBe(0);
  });

  test('fails a pack whose CSV was changed (and zipped again), naming the file', async () => {
    const entries = await entriesOf(pack.bytes);
    const tampered = join(dir, 'tampered.zip');
    await writeFile(tampered, await zipOf(entries.map(([name, bytes]) => [name, name === 'grants.csv' ? Buffer.from(bytes.toString('utf8').replace('user-1', 'user-7')) : bytes])));
    const { code, out } = await recipeOn(tampered, { 'rrcu-public-key.pem': signer.publicKeyPem });
    expect(out).toContain('grants.csv: FAILED');
    expect(code).not.toBe(0);
  });

  test('fails a pack signed with another key than the one the auditor holds', async () => {
    const { code, out } = await recipeOn(pack.path, { 'rrcu-public-key.pem': newSigner().publicKeyPem });
    expect(out).toContain('Signature Verification Failure');
    expect(code).not.toBe(0);
  });
});
