/**
 * The evidence writers at scale (`npm run bench evidence-writers`): a 108,000-row table (the size of the
 * 300-account bench organisation's grants), made up row by row as a report's query would stream it, with
 * names in Latin, Greek, Cyrillic, Han, kana and Hangul, written as report.json (whose SHA-256 the PDF's cover
 * and footers carry, as the pack maker does), CSV and PDF. Each file is written in a process of its own so each
 * peak RSS is that writer's alone. Targets from issue #14: the PDF under 60 s and 400 MB.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv, writeJson, writePdf, type Report } from '../src/evidence/writers/index.ts';

const ROWS = Number(process.env.BENCH_EVIDENCE_ROWS ?? 108_000);
const TARGET = { pdfSeconds: 60, pdfRssMb: 400 };
const FIRST = ['Ελένη', 'Дмитрий', '王', '佐藤', '김', 'Zoë', 'José', 'Ngozi', 'Łukasz', 'Ана'];
const LAST = ['Παπαδοπούλου', 'Соколов', '小明', 'さくら', '민수', 'Ångström', 'Núñez', 'Okafor', 'Wiśniewski', 'Петрова'];

function benchReport(): Report {
  return {
    kind: 'access_at',
    title: 'Access at a point in time',
    organisation: 'Bench organisation (o-bench300)',
    period: '2026-03-31 23:59:59 (UTC)',
    parameters: { at: '2026-03-31T23:59:59.000Z', connector: 1 },
    generatedBy: 'bench',
    generatedAt: new Date('2026-04-01T08:00:00.000Z'),
    syncRunIds: [1],
    summary: [{ label: 'Grants', value: ROWS }],
    tables: [
      {
        name: 'grants',
        title: 'Grants held on 2026-03-31',
        columns: [
          { key: 'principal', label: 'Principal', width: 2 },
          { key: 'type', label: 'Type', width: 0.8 },
          { key: 'account', label: 'Account', width: 1.6 },
          { key: 'permissionSet', label: 'Permission set', width: 3 },
          { key: 'via', label: 'Via', width: 1.5 },
          { key: 'since', label: 'Since (UTC)', width: 1.4 },
          { key: 'privileged', label: 'Privileged', width: 0.7 },
        ],
        async *rows() {
          for (let i = 0; i < ROWS; i++) {
            const person = i % 3000;
            const account = i % 300;
            yield {
              principal: `${FIRST[person % 10]} ${LAST[(person >> 3) % 10]} ${person}`,
              type: i % 7 === 0 ? 'iam_user' : 'sso_user',
              account: `${String(100000000000 + account * 7919)} (workload-${account})`,
              permissionSet: `arn:aws:sso:::permissionSet/ssoins-72230000bench/ps-${(i % 40).toString(16).padStart(16, '0')}`,
              via: i % 4 === 0 ? `group: platform-team-${i % 200}` : 'direct',
              since: new Date(Date.UTC(2025, i % 12, 1 + (i % 28), i % 24, i % 60)),
              privileged: i % 40 < 3,
            };
          }
        },
      },
    ],
  };
}

type Measured = { seconds: number; cpuSeconds: number; peakRssMb: number; bytes: number; pages?: number; sha256?: string };

/** One writer in this process (the child's side). */
async function measure(kind: 'json' | 'csv' | 'pdf', file: string, dataDigest: string): Promise<Measured> {
  const report = benchReport();
  const t = performance.now();
  const cpu = process.cpuUsage();
  let pages: number | undefined;
  if (kind === 'json') await writeJson(report, createWriteStream(file));
  if (kind === 'csv') await writeCsv(report.tables[0], createWriteStream(file));
  if (kind === 'pdf') pages = (await writePdf(report, createWriteStream(file), { dataDigest })).pages;
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const result: Measured = { seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(file).size, pages };
  if (kind === 'json') {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    result.sha256 = hash.digest('hex');
  }
  return result;
}

const [, , kind, file, digest] = process.argv;
if (kind === 'json' || kind === 'csv' || kind === 'pdf') {
  process.stdout.write(JSON.stringify(await measure(kind, file!, digest ?? '')));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-bench-evidence-'));
  const self = fileURLToPath(import.meta.url);
  const run = (k: string, f: string, d = ''): Measured => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, k, f, d], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${k} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Measured;
  };
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${ROWS.toLocaleString('en-US')} rows, 7 columns; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores)`);
  try {
    const json = run('json', join(dir, 'report.json'));
    out(`report.json  ${json.seconds.toFixed(1)} s (CPU ${json.cpuSeconds.toFixed(1)} s), peak RSS ${json.peakRssMb.toFixed(0)} MB, ${mb(json.bytes)}; SHA-256 ${json.sha256}`);
    const csv = run('csv', join(dir, 'grants.csv'));
    out(`grants.csv   ${csv.seconds.toFixed(1)} s (CPU ${csv.cpuSeconds.toFixed(1)} s), peak RSS ${csv.peakRssMb.toFixed(0)} MB, ${mb(csv.bytes)}`);
    const pdf = run('pdf', join(dir, 'report.pdf'), json.sha256);
    const ok = pdf.seconds < TARGET.pdfSeconds && pdf.peakRssMb < TARGET.pdfRssMb;
    out(`report.pdf   ${pdf.seconds.toFixed(1)} s (CPU ${pdf.cpuSeconds.toFixed(1)} s), peak RSS ${pdf.peakRssMb.toFixed(0)} MB, ${mb(pdf.bytes)}, ${pdf.pages} pages (rows read twice: counted, then drawn)`);
    out(`PDF target: under ${TARGET.pdfSeconds} s and ${TARGET.pdfRssMb} MB: ${ok ? 'met' : 'MISSED'}`);
    out(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
