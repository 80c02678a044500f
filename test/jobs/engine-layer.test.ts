import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The job engine sits below the capabilities: they hand it their queues and handlers, it never reaches
 * up for them. Every module specifier in src/jobs (static imports, re-exports, dynamic imports) is read
 * from the source, so a new upward import fails here before it makes a circle.
 */
const JOBS = resolve(import.meta.dirname, '../../src/jobs');
const SRC = resolve(import.meta.dirname, '../../src');
const CAPABILITIES = ['provisioning', 'sync', 'connectors'];

function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('the job engine', () => {
  test('reads every kind of import line (static, re-export, dynamic)', () => {
    const source = `import { a } from '../provisioning/index.ts';\nexport { b } from "../sync/runs.ts";\nconst c = await import('../connectors/service.ts');\nimport type { D } from './d.ts';`;
    expect(specifiers(source)).toEqual(['../provisioning/index.ts', '../sync/runs.ts', '../connectors/service.ts', './d.ts']);
  });

  test('imports nothing from provisioning, sync or connectors', () => {
    const upward: string[] = [];
    for (const file of filesUnder(JOBS)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(file, '..', spec);
        const folder = target.startsWith(SRC + '/') ? target.slice(SRC.length + 1).split('/')[0] : undefined;
        if (folder && CAPABILITIES.includes(folder)) upward.push(`${file.slice(SRC.length + 1)} → ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
