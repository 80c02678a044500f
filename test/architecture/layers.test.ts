import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The layer rule's complaints about `code` as if it were the file at `file` (a path in the repository). */
async function layerErrors(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'rrcu/layers').map((m) => m.message);
}

describe('the layer rule of docs/architecture.md, as the project lints it', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  test('core imports nothing: a core file importing the store is refused', async () => {
    const errors = await layerErrors(eslint, 'src/core/probe.ts', "export { openStore } from '../store/index.ts';\n");
    expect(errors).toEqual([expect.stringContaining('src/core may not import src/store')]);
  });

  test('another capability is used through its index.ts: the sync reaching into provisioning/run-task.ts is refused', async () => {
    const errors = await layerErrors(eslint, 'src/sync/probe.ts', "export { runProvisioningTask } from '../provisioning/run-task.ts';\n");
    expect(errors).toEqual([expect.stringContaining('import src/provisioning/index.ts, not src/provisioning/run-task.ts')]);
  });

  test('a lazy import() is checked too: provisioning may not load the sync, which sits beside it one way only', async () => {
    const code = "export async function probe(): Promise<unknown> {\n  return import('../sync/index.ts');\n}\n";
    const errors = await layerErrors(eslint, 'src/provisioning/probe.ts', code);
    expect(errors).toEqual([expect.stringContaining('src/provisioning may not import src/sync')]);
  });

  test('the product does not import the simulator, and benchmarks nothing from test/', async () => {
    expect(await layerErrors(eslint, 'src/sync/probe.ts', "export { startSimulator } from '../aws-sim/index.ts';\n")).toEqual([
      expect.stringContaining('may not import the simulator'),
    ]);
    expect(await layerErrors(eslint, 'bench/probe.bench.ts', "export { freePort } from '../test/harness/free-port.ts';\n")).toEqual([
      expect.stringContaining('imports nothing from test/'),
    ]);
  });

  test('imports that keep the layers pass: the sync uses provisioning, the store and core through their surfaces', async () => {
    const code = [
      "export { markTasksObservedBySync } from '../provisioning/index.ts';",
      "export { STORE_ERRORS } from '../store/errors.ts';",
      "export { openStore } from '../store/index.ts';",
      "export { RrcuError } from '../core/errors.ts';",
      "export { isStaleRun } from './runs.ts';",
      '',
    ].join('\n');
    expect(await layerErrors(eslint, 'src/sync/probe.ts', code)).toEqual([]);
    expect(await layerErrors(eslint, 'src/demo/probe.ts', "export { startSimulator } from '../aws-sim/index.ts';\n")).toEqual([]);
  });
});
