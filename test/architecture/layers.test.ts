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

  test('an import() of a template literal without expressions is checked as the path it names; a computed one is refused', async () => {
    const lazy = 'export async function probe(): Promise<unknown> {\n  return import(`../sync/run-sync.ts`);\n}\n';
    expect(await layerErrors(eslint, 'src/provisioning/probe.ts', lazy)).toEqual([expect.stringContaining('src/provisioning may not import src/sync')]);
    const computed = 'export async function probe(name: string): Promise<unknown> {\n  return import(`../sync/${name}.ts`);\n}\n';
    expect(await layerErrors(eslint, 'src/provisioning/probe.ts', computed)).toEqual([expect.stringContaining('cannot be checked')]);
  });

  test("TypeScript's import types and import-equals are checked: typeof import(), import().T and import x = require()", async () => {
    const code = [
      "export type Sync = typeof import('../sync/run-sync.ts');",
      "export type Run = import('../sync/runs.ts').SyncRun;",
      "import sync = require('../sync/index.ts');",
      'export { sync };',
      '',
    ].join('\n');
    expect(await layerErrors(eslint, 'src/provisioning/probe.ts', code)).toEqual([
      expect.stringContaining('src/provisioning may not import src/sync'),
      expect.stringContaining('src/provisioning may not import src/sync'),
      expect.stringContaining('src/provisioning may not import src/sync'),
    ]);
  });

  test('the job engine sits below the capabilities: jobs may not import provisioning, the sync or the connectors', async () => {
    const code = [
      "import type { ProvisioningService } from '../provisioning/index.ts';",
      "export { runSync } from '../sync/index.ts';",
      "export async function probe(): Promise<unknown> {\n  return import('../connectors/index.ts');\n}",
      'export type { ProvisioningService };',
      '',
    ].join('\n');
    expect(await layerErrors(eslint, 'src/jobs/probe.ts', code)).toEqual([
      expect.stringContaining('src/jobs may not import src/provisioning'),
      expect.stringContaining('src/jobs may not import src/sync'),
      expect.stringContaining('src/jobs may not import src/connectors'),
    ]);
  });

  test('the actions do not import identity (the layer table lists reads, sources and foundation)', async () => {
    expect(await layerErrors(eslint, 'src/sync/probe.ts', "export { actorNames } from '../identity/index.ts';\n")).toEqual([
      expect.stringContaining('src/sync may not import src/identity'),
    ]);
  });

  test('web/ imports nothing outside web/, nor the product anything of web/; scripts/ import what the doors may, through surfaces', async () => {
    expect(await layerErrors(eslint, 'web/src/probe.ts', "export { RrcuError } from '../../src/core/errors.ts';\n")).toEqual([
      expect.stringContaining('web/ imports nothing outside web/'),
    ]);
    expect(await layerErrors(eslint, 'web/src/access/probe.tsx', "export type { paths } from '../api-types.gen.ts';\n")).toEqual([]);
    expect(await layerErrors(eslint, 'src/server/probe.ts', "export type { paths } from '../../web/src/api-types.gen.ts';\n")).toEqual([
      expect.stringContaining('the server and the CLI import nothing from web/'),
    ]);
    expect(await layerErrors(eslint, 'scripts/probe.ts', "export { createServer } from '../src/server/app.ts';\nexport { createApp } from '../src/app.ts';\n")).toEqual([]);
    expect(await layerErrors(eslint, 'scripts/probe.ts', "export { isStaleRun } from '../src/sync/runs.ts';\n")).toEqual([
      expect.stringContaining('import src/sync/index.ts, not src/sync/runs.ts'),
    ]);
    expect(await layerErrors(eslint, 'scripts/probe.ts', "export { startSimulator } from '../src/aws-sim/index.ts';\n")).toEqual([
      expect.stringContaining('may not import the simulator'),
    ]);
  });

  test('a test reaches into the capability its folder is named for, and uses every other one through its surface', async () => {
    const code = "export { isStaleRun } from '../../src/sync/runs.ts';\n";
    expect(await layerErrors(eslint, 'test/server/probe.test.ts', code)).toEqual([
      expect.stringContaining('import src/sync/index.ts, not src/sync/runs.ts'),
    ]);
    expect(await layerErrors(eslint, 'test/sync/probe.test.ts', code)).toEqual([]);
  });

  test('the rule does not depend on the working directory: linting from src/ refuses the same import', async () => {
    const fromSrc = new ESLint({ cwd: `${ROOT}src` });
    expect(await layerErrors(fromSrc, 'src/connectors/probe.ts', "export { runSync } from '../sync/index.ts';\n")).toEqual([
      expect.stringContaining('src/connectors may not import src/sync'),
    ]);
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
