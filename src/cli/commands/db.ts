import { Command } from 'commander';
import type { StoreStatus } from '../../store/index.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';

export function dbCommand(): Command {
  const db = new Command('db').description('the store: migrations and status');

  db.command('migrate')
    .description('apply pending migrations (also done at every start)')
    .action(async () => {
      await withApp(
        async ({ store }) => {
          const { storeStatus } = await import('../../store/index.ts');
          const { migrateStore } = await import('../../store/index.ts');
          const applied = await migrateStore(store);
          const after = await storeStatus(store);
          process.stdout.write(
            `${store.backend} store at ${store.location}: ${applied === 0 ? 'already up to date' : `applied ${applied} migration(s)`}, schema ${after.schema.latest} (${after.schema.applied}/${after.schema.known}).\n`,
          );
        },
        { migrate: false },
      );
    });

  db.command('status')
    .description('backend, location, schema version and row counts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp(
        async ({ store }) => {
          const { storeStatus } = await import('../../store/index.ts');
          const status = await storeStatus(store);
          if (opts.json) printJson(status);
          else process.stdout.write(formatStatus(status));
        },
        { migrate: false },
      );
    });
  return db;
}

export function formatStatus(s: StoreStatus): string {
  const pending = s.schema.known - s.schema.applied;
  const lines = [
    `backend:  ${s.backend === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'}`,
    `location: ${s.location}`,
    `schema:   ${s.schema.applied === 0 ? 'not migrated (run `rrcu db migrate`)' : `${s.schema.applied}/${s.schema.known} migrations${pending > 0 ? `, ${pending} pending (run \`rrcu db migrate\`)` : ', up to date'} (${s.schema.latest})`}`,
  ];
  if (Object.keys(s.rows).length > 0) {
    lines.push('rows:');
    for (const [table, n] of Object.entries(s.rows)) lines.push(`  ${table.padEnd(14)} ${n}`);
  }
  return `${lines.join('\n')}\n`;
}
