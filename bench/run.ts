/**
 * `npm run bench [name…]`: runs every `bench/*.bench.ts`, or for each name given, `<name>.bench.ts` when
 * that file exists (`evidence` is evidence.bench.ts alone, not evidence-reports and evidence-writers too),
 * else every file whose name contains it; one after another, each in its own process so one benchmark's
 * memory does not colour the next.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
const matching = (w: string) => (benches.includes(`${w}.bench.ts`) ? [`${w}.bench.ts`] : benches.filter((f) => f.includes(w)));
const files = [...new Set(wanted.length === 0 ? benches : wanted.flatMap(matching))].sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  // As in bin/rrcu.js: the SDK's Node 22 notice says nothing about the pinned versions measured here.
  const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit', env });
  if (r.status !== 0) failed++;
}
if (files.length === 0) process.stdout.write(`no benchmark matches ${wanted.join(' ')}\n`);
process.exit(failed === 0 ? 0 : 1);
