import { Command, InvalidArgumentError } from 'commander';
import type { AppRole } from '../../server/auth/roles.ts';
import { withStore } from '../context.ts';
import { cliActor } from './connector.ts';

const ROLES = ['super_admin', 'connector_admin', 'auditor', 'person'] as const satisfies readonly AppRole[];

/** Ways back in that need shell access to the server, not a browser session. */
export function adminCommand(): Command {
  const admin = new Command('admin').description('the local administrator and API tokens (run on the RRCU server)');
  admin
    .command('reset-password')
    .description('print a new one-time password for the local administrator ("admin"); its sessions end')
    .action(async () => {
      const { password } = await withStore(async (store) => {
        const { resetLocalAdminPassword } = await import('../../server/auth/local-admin.ts');
        return resetLocalAdminPassword(store.db, { actor: cliActor() });
      });
      process.stdout.write(`One-time password for "admin": ${password}\n`);
      process.stdout.write('Sign in with it; you will be asked to choose your own password (12 characters or more).\n');
    });
  admin
    .command('create-token')
    .description('create an API token for scripts and print it (shown this once only)')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"', (v: string) => {
      const name = v.trim();
      if (name.length < 1 || name.length > 100) throw new InvalidArgumentError('expected 1 to 100 characters.');
      return name;
    })
    .requiredOption('--role <role>', `what the token may do: ${ROLES.join(', ')}`, (v: string) => {
      if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}, got '${v}'.`);
      return v as AppRole;
    })
    .option('--expires-in-days <days>', 'expire after this many days (1–3650; default: never)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 3650) throw new InvalidArgumentError(`expected a whole number from 1 to 3650, got '${v}'.`);
      return n;
    })
    .action(async (flags: { name: string; role: AppRole; expiresInDays?: number }) => {
      const { token, item } = await withStore(async (store) => {
        const { createApiToken } = await import('../../server/auth/api-tokens.ts');
        return createApiToken(store.db, flags, { actor: cliActor(), userId: null });
      });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`API token "${item.name}" (${item.role}, id ${item.id}${item.expiresAt ? `, expires ${item.expiresAt}` : ', no expiry'}) created. It is shown this once: store it now.\n`);
      process.stderr.write('Send it as `Authorization: Bearer <token>`.\n');
    });
  return admin;
}
