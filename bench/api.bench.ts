/**
 * The HTTP API a security team's browser hits, on a large inventory: a simulated organisation of 300
 * accounts, 40 permission sets, 3,000 users and 200 groups (~100k grants with group expansion), synced
 * once through the real connector (simulator rate limits off: the sync only builds the inventory),
 * then each explorer request timed through `server.inject()` as an auditor with an API token, so
 * authentication, RBAC, the query and the response's validation and serialisation are all counted.
 * Prints median and p95 per request, the response size, and peak RSS. No thresholds: it measures.
 * Nothing runs ANALYZE: the figures are what the app serves right after a sync, with whatever table
 * statistics the database has by then (PGlite never gathers them on its own).
 *
 * The store is PGlite in memory, or the PostgreSQL at DATABASE_URL when set (give it an empty database:
 * the inventory is added to whatever is there). BENCH_RUNS sets the timed runs per request (default 20).
 */
import { sql } from 'drizzle-orm';
import { openStore, queryRows } from '../src/store/index.ts';
import { startTestServer } from '../harness/server.ts';

const seed = { seed: 2026, accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUPS = 2;
const CSV_RUNS = 3;
const SLOW_MS = 500;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const out = (line: string) => process.stdout.write(`${line}\n`);
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

const databaseUrl = process.env.DATABASE_URL;
const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
out(`store: ${store.backend === 'postgres' ? `PostgreSQL at ${store.location} (DATABASE_URL)` : 'PGlite in memory'}`);

let t = performance.now();
const server = await startTestServer(store, { sim: seed });
out(`simulator: ${seed.accounts} accounts, ${seed.permissionSets} permission sets, ${seed.users} users, ${seed.groups} groups, ${seed.iamUsersPerAccount} IAM users per account, no rate limits; up in ${secondsSince(t)} s`);

t = performance.now();
const logged = new Set<string>();
const outcome = await server.app.syncs.runNow(server.connector!.id, 'system', (p) => {
  if (logged.has(p.stage)) return;
  logged.add(p.stage);
  out(`  ${secondsSince(t).padStart(6)} s  ${p.stage} (${p.items} items, ${p.apiCalls} calls)`);
});
const syncSeconds = secondsSince(t);
const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: unknown }>(store.db, query))[0]?.n ?? 0);
const openGrants = await count(sql`select count(*) as n from grants where seen_to is null`);
out(`sync ${outcome.run.id}: ${outcome.run.status} in ${syncSeconds} s; ${outcome.run.counts.grant} grants staged, ${openGrants} grant rows open (with group expansion), ` +
  `${await count(sql`select count(*) as n from resources where seen_to is null`)} resources, ${await count(sql`select count(*) as n from people`)} people`);

// What the security team would type, picked from the inventory so each name resolves to exactly one thing.
const one = async (what: string, query: ReturnType<typeof sql>): Promise<string> => {
  const [row] = await queryRows<{ v: string }>(store.db, query);
  if (!row) throw new Error(`no ${what} in the synced inventory`);
  return row.v;
};
const person = await one('person', sql`
  select p.email as v from people p join resources r on r.person_id = p.id and r.seen_to is null and r.resource_type_id = 'sso_user'
  where p.email is not null group by p.email order by p.email limit 1`);
const uniqueName = (types: string[]) => sql`
  select min(display_name) as v from resources where resource_type_id in ${types} and seen_to is null
  group by lower(display_name) having count(*) = 1 order by lower(display_name) limit 1`;
const account = await one('account', uniqueName(['account']));
const group = await one('group', sql`
  select min(display_name) as v from resources where resource_type_id in ('sso_group', 'iam_group') and seen_to is null
  group by lower(display_name) having count(*) = 1 and bool_and(resource_type_id = 'sso_group') order by lower(display_name) limit 1`);
const permissionSet = await one('permission set', uniqueName(['permission_set']));
const common = await one('name prefix', sql`
  select lower(substr(display_name, 1, 3)) as v from people group by 1 order by count(*) desc, 1 limit 1`);
const at = new Date(outcome.run.startedAt.getTime() + 1000).toISOString();
out(`asking about: person ${person}, account ${account}, group ${group}, permission set ${permissionSet}, search "${common}", at ${at}`);

const headers = await server.as('auditor');
type Row = { label: string; status: number; median: number; p95: number; bytes: number; rows: string; runs: number };
const results: Row[] = [];
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(label: string, url: string, runs = RUNS, warmups = WARMUPS): Promise<Row> {
  const get = () => server.server.inject({ method: 'GET', url, headers });
  for (let i = 0; i < warmups; i++) await get();
  const ms: number[] = [];
  let last: Awaited<ReturnType<typeof get>> | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await get();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const row: Row = { label, status: last!.statusCode, median: quantile(ms, 0.5), p95: quantile(ms, 0.95), bytes: last!.rawPayload.length, rows: rowsOf(last!.body, last!.headers['content-type']), runs };
  results.push(row);
  out(`  ${label}: ${row.status}, median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ${size(row.bytes)}, ${row.rows}`);
  if (row.status !== 200) out(`    ${last!.body.slice(0, 300)}`);
  return row;
}

/** How many rows came back (and of how many, for a page of access). */
function rowsOf(body: string, type: unknown): string {
  if (String(type).startsWith('text/csv')) return `${body.split('\n').filter((l) => l.length > 0).length - 1} rows`;
  try {
    const json = JSON.parse(body) as { items?: unknown[]; total?: number; grants?: { counts: { added: number } } };
    if (json.items) return `${json.items.length} items${json.total !== undefined ? ` of ${json.total}` : ''}`;
    if (json.grants) return `${json.grants.counts.added} grants added`;
  } catch {
    // Not JSON: only the size says anything.
  }
  return '';
}

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const q = encodeURIComponent;

out(`\n${RUNS} runs after ${WARMUPS} warm-ups (the CSV: ${CSV_RUNS} runs, no warm-up):`);
t = performance.now();
await measure('access, first page', '/api/access?limit=500');
await measure('access, deep page (offset 50,000)', '/api/access?limit=500&offset=50000');
await measure('access by person', `/api/access?person=${q(person)}`);
await measure('access by account', `/api/access?account=${q(account)}`);
await measure('access by permission set', `/api/access?permissionSet=${q(permissionSet)}`);
await measure('access by group', `/api/access?group=${q(group)}`);
await measure('access at sync start + 1 s', `/api/access?at=${q(at)}&limit=500`);
await measure(`search "${common}"`, `/api/search?q=${q(common)}`);
await measure('people', '/api/people?limit=100');
await measure('syncs', '/api/syncs');
await measure('sync diff (first run)', `/api/syncs/${outcome.run.id}/diff`);
await measure('audit', '/api/audit?limit=100');
await measure('access.csv (whole inventory)', '/api/access.csv', CSV_RUNS, 0);
out(`measured in ${secondsSince(t)} s`);

out(`\n${'request'.padEnd(36)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'size'.padStart(10)}  rows`);
for (const r of results) {
  const flag = r.status !== 200 ? `  HTTP ${r.status}` : r.median > SLOW_MS ? `  (> ${SLOW_MS} ms)` : '';
  out(`${r.label.padEnd(36)} ${r.median.toFixed(1).padStart(10)} ${r.p95.toFixed(1).padStart(10)} ${size(r.bytes).padStart(10)}  ${r.rows}${flag}`);
}
clearInterval(sampler);
out(`\nstore: ${store.backend}; sync ${syncSeconds} s, ${openGrants} grants; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);

await server.close();
await store.close();
if (results.some((r) => r.status !== 200)) process.exitCode = 1;
