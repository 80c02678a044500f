/**
 * Evidence packs at scale (`npm run bench evidence`, issue #14): the point-in-time (`access_at`) and changes
 * (`access_changes`) reports over the 300-account bench organisation (~108k grants, bench/generated-org.ts,
 * two snapshots, bench-stores.ts's `twoSnapshotsOf`), each made THROUGH THE PACK PATH the evidence job uses
 * (`makePack`, by `createEvidenceReads(…).makeNow`: claim, produce, write every file, sign, zip, store with its
 * audit event). A pack is every format at once, so the pack is measured whole, and each file inside it is timed
 * by wrapping the real writers: a file's time includes reading the report's rows from the store for it (the
 * PDF reads them twice: counting pages, then drawing). Peak RSS: the process's over the whole pack, and the
 * highest RSS sampled while each file was written. Each pack is made in a process of its own, opening the store
 * the parent built, so its RSS is the pack's alone (with the engine in it for PGlite, as RRCU runs).
 * On PGlite and PostgreSQL (bench-stores.ts; BENCH_ENGINES picks). Targets: the PDF under 60 s and 400 MB.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SECRET_KEY } from '../harness/aws-connector.ts';
import { createEvidenceReads, PACK_WRITERS, REPORT_PRODUCERS, verifyPack, type PackWriters } from '../src/evidence/index.ts';
import { actorNames } from '../src/identity/index.ts';
import { openStore } from '../src/store/index.ts';
import { onEachEngine, twoSnapshotsOf } from './bench-stores.ts';
import { expectedGrantCount, type GeneratedOrg } from './generated-org.ts';

const accounts = Number(process.env.BENCH_EVIDENCE_ACCOUNTS ?? 300);
const org: GeneratedOrg = { seed: 2026, accounts, permissionSets: 40, users: accounts * 10, groups: 200, groupAssignmentsPerAccount: 20, userAssignmentsPerAccount: 20 };
const TARGET = { seconds: 60, rssMb: 400 };
const out = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const mb = (bytes: number) => bytes / 2 ** 20;

type FileFigure = { name: string; seconds: number; peakRssMb: number };
type PackFigure = { status: string; error?: string | null; seconds: number; rssBeforeMb: number; peakRssMb: number; zipMb: number; files: FileFigure[]; verified: string; loadBefore: string; loadAfter: string };

/** The real writers, each call timed and RSS sampled while it runs. */
function timedWriters(files: FileFigure[]): PackWriters {
  const timed = async <T>(name: string, write: () => Promise<T>): Promise<T> => {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t = performance.now();
    try {
      return await write();
    } finally {
      clearInterval(sampler);
      files.push({ name, seconds: (performance.now() - t) / 1000, peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)) });
    }
  };
  return {
    json: (report, stream) => timed('report.json', () => PACK_WRITERS.json(report, stream)),
    csv: (table, stream) => timed(`${table.name}.csv`, () => PACK_WRITERS.csv(table, stream)),
    pdf: (report, stream, options) => timed('report.pdf', () => PACK_WRITERS.pdf(report, stream, options)),
  };
}

/** The child's side: one pack of `kind`, made in this process on the store at `where`. */
async function makeOnePack(where: { dataDir: string } | { databaseUrl: string }, kind: 'access_at' | 'access_changes', parameters: Record<string, unknown>): Promise<PackFigure> {
  const store = await openStore({ ...where, migrate: false });
  try {
    const files: FileFigure[] = [];
    const reads = createEvidenceReads({ db: store.db, secretKey: SECRET_KEY, producers: REPORT_PRODUCERS, writers: timedWriters(files), actorNames: (a) => actorNames(store.db, a) });
    const loadBefore = load();
    const rssBeforeMb = mb(process.memoryUsage().rss);
    const t = performance.now();
    const pack = await reads.makeNow({ kind, parameters }, 'cli:bench');
    const seconds = (performance.now() - t) / 1000;
    const loadAfter = load();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const verdict = pack.zip ? await verifyPack(pack.zip) : undefined;
    const verified = !verdict ? 'no zip' : verdict.ok ? `verifies (${verdict.manifest.files.length} files)` : `DOES NOT VERIFY: ${verdict.problem}`;
    return { status: pack.status, error: pack.error, seconds, rssBeforeMb, peakRssMb, zipMb: mb(pack.size ?? 0), files, verified, loadBefore, loadAfter };
  } finally {
    await store.close();
  }
}

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === 'child') {
  const [where, kind, parameters] = process.argv.slice(3).map((a) => JSON.parse(a) as unknown);
  process.stdout.write(JSON.stringify(await makeOnePack(where as { dataDir: string }, kind as 'access_at', parameters as Record<string, unknown>)));
} else {
  const ratio = (value: number, target: number) => `${((value / target) * 100).toFixed(0)} % of target`;

  out(`organisation: ${org.accounts} accounts, ${org.users} users, ${org.groups} groups; ~${expectedGrantCount(org).toLocaleString('en')} grants after expansion; 2 snapshots (the second without every 50th grant item)`);
  await onEachEngine('rrcu_bench_evidence', async ({ label, store, where }) => {
    out(`\n${label}`);
    const { connectorId, between, now, closed } = await twoSnapshotsOf(store.db, org);
    out(`  store built; the second snapshot closed ${closed.toLocaleString('en')} grants`);
    // The child opens the store itself: PGlite's data directory admits one process at a time.
    await store.close();
    const packs = [
      { kind: 'access_at', parameters: { connectorId, at: now.toISOString() } },
      { kind: 'access_changes', parameters: { connectorId, from: between.toISOString(), to: now.toISOString() } },
    ] as const;
    for (const { kind, parameters } of packs) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child', JSON.stringify(where), JSON.stringify(kind), JSON.stringify(parameters)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`the ${kind} pack's process failed: ${r.stderr}`);
      const f = JSON.parse(r.stdout) as PackFigure;
      out(`  ${kind} pack (all formats, through makePack): ${f.status}${f.error ? ` (${f.error})` : ''}, ${f.seconds.toFixed(1)} s, RSS ${f.rssBeforeMb.toFixed(0)} MB with the store open before it, the process's peak ${f.peakRssMb.toFixed(0)} MB, zip ${f.zipMb.toFixed(1)} MB, ${f.verified}; load ${f.loadBefore} -> ${f.loadAfter} (2 cores)`);
      for (const file of f.files) {
        const targets = file.name === 'report.pdf' ? `; PDF targets: time ${ratio(file.seconds, TARGET.seconds)}, RSS ${ratio(file.peakRssMb, TARGET.rssMb)}` : '';
        out(`    ${file.name.padEnd(18)} ${file.seconds.toFixed(1).padStart(6)} s, RSS up to ${file.peakRssMb.toFixed(0)} MB while written${targets}`);
      }
      out(`    whole pack against the PDF targets: time ${ratio(f.seconds, TARGET.seconds)}, peak RSS ${ratio(f.peakRssMb, TARGET.rssMb)}`);
    }
  });
}
