import { Command, InvalidArgumentError } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { APP_ROLES as ROLES, type AppRole } from '../../identity/index.ts';
import { withApp } from '../context.ts';
import { cliActor } from './connector.ts';

/** Ways back in that need shell access to the server, not a browser session. */
export function adminCommand(): Command {
  const admin = new Command('admin').description('the local administrator and API tokens (run on the RRCU server)');
  admin
    .command('reset-password')
    .description('print a new one-time password for a local user (default: the local administrator, "admin"); their sessions end')
    .argument('[username]', 'the local user', 'admin')
    .action(async (username: string) => {
      const password = await withApp(async ({ identity }) => {
        if (username.toLowerCase() === 'admin') return (await identity.resetLocalAdminPassword({ actor: cliActor() })).password;
        const id = await identity.localUserIdByName(username);
        return (await identity.resetLocalUserPassword(id, { actor: cliActor(), userId: null })).password;
      });
      printOneTimePassword(username, password);
    });
  admin
    .command('create-user')
    .description('create a local user with a role and print their one-time password (only without an identity provider)')
    .argument('<username>', '1–64 lowercase letters, digits, ".", "_" or "-"')
    .requiredOption('--role <role>', `what they may do: ${ROLES.join(', ')}`)
    .option('--name <name>', 'the name shown in RRCU (default: the username)')
    .option('--email <email>', 'their email, linking them to the person of the inventory with it (My access)')
    .action(async (username: string, flags: { role: string; name?: string; email?: string }) => {
      const { newLocalUserSchema } = await import('../../identity/index.ts');
      const parsed = newLocalUserSchema.safeParse({ username, role: flags.role, displayName: flags.name, email: flags.email });
      if (!parsed.success) {
        const flagOf: Record<string, string> = { username: '<username>', role: '--role', displayName: '--name', email: '--email' };
        const problems = parsed.error.issues.map((i) => `${flagOf[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; ');
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The local user cannot be created: ${problems}.`, { fix: 'Correct what is named and run the command again (`rrcu admin create-user --help`).' });
      }
      const { user, password } = await withApp(({ identity }) => identity.createLocalUser(parsed.data, { actor: cliActor() }));
      process.stderr.write(`Local user "${parsed.data.username}" (${user.role}, id ${user.id}) created.\n`);
      printOneTimePassword(parsed.data.username, password);
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
      const { token, item } = await withApp(({ identity }) => identity.createApiToken(flags, { actor: cliActor(), userId: null }));
      process.stdout.write(`${token}\n`);
      process.stderr.write(`API token "${item.name}" (${item.role}, id ${item.id}${item.expiresAt ? `, expires ${item.expiresAt}` : ', no expiry'}) created. It is shown this once: store it now.\n`);
      process.stderr.write('Send it as `Authorization: Bearer <token>`.\n');
    });
  return admin;
}

function printOneTimePassword(username: string, password: string): void {
  process.stdout.write(`One-time password for "${username}": ${password}\n`);
  process.stdout.write('It is shown this once. Sign in with it; RRCU then asks for a password of your own (12 characters or more).\n');
}
