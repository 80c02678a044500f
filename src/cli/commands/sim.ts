import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import type { SeedOptions, Simulator } from '../../aws-sim/index.ts';
import { untilSignalled } from '../signals.ts';
import { CLI_ERRORS } from '../errors.ts';

type SimFlags = {
  port: number;
  host: string;
  seed?: number;
  accounts?: number;
  permissionSets?: number;
  users?: number;
  groups?: number;
  iamUsersPerAccount?: number;
  rateLimits: boolean;
  fixture?: string;
};

function count(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`expected a whole number from 0 to ${max}, got '${value}'.`);
    return n;
  };
}

/** `rrcu sim`: serve a simulated AWS organisation on a local endpoint until interrupted. */
export function simCommand(): Command {
  return new Command('sim')
    .description('run the AWS simulator: a seeded, simulated AWS organisation on a local endpoint')
    .option('--port <n>', 'port to listen on (0 picks a free one)', count(65535), 4566)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed of the simulated world (same seed, same world)', count(2 ** 31))
    .option('--accounts <n>', 'member accounts besides the management account', count(10_000))
    .option('--permission-sets <n>', 'permission sets', count(10_000))
    .option('--users <n>', 'Identity Center users', count(1_000_000))
    .option('--groups <n>', 'Identity Center groups', count(100_000))
    .option('--iam-users-per-account <n>', 'IAM users in each account', count(100_000))
    .option('--no-rate-limits', 'do not throttle (AWS-like rate limits are on by default)')
    .option('--fixture <file>', 'serve the world in this JSON fixture instead of seeding one')
    .action(async (flags: SimFlags) => {
      const { startSimulator } = await import('../../aws-sim/index.ts');
      // Before anything is printed: a signal that came before the listener would skip the clean stop.
      const signalled = untilSignalled();
      const sim = await startSimulator({
        port: flags.port,
        host: flags.host,
        world: flags.fixture === undefined ? undefined : await loadFixture(flags.fixture),
        seed: seedOptions(flags),
        rateLimits: flags.rateLimits,
      }).catch((e: unknown) => {
        const code = (e as { code?: string }).code;
        if (code === 'EADDRINUSE') {
          throw new RrcuError(CLI_ERRORS.SIM_PORT_IN_USE, `Port ${flags.port} on ${flags.host} is already in use.`, { fix: 'Pick another with --port, or --port 0 for any free port.', cause: e });
        }
        throw e;
      });
      process.stdout.write(describe(sim));
      await signalled;
      await sim.stop();
      process.stdout.write('Simulator stopped.\n');
    });
}

function seedOptions(flags: SimFlags): SeedOptions {
  return {
    seed: flags.seed,
    accounts: flags.accounts,
    permissionSets: flags.permissionSets,
    users: flags.users,
    groups: flags.groups,
    iamUsersPerAccount: flags.iamUsersPerAccount,
  };
}

async function loadFixture(file: string) {
  const { SimFixtureError, worldFromFixture } = await import('../../aws-sim/index.ts');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.SIM_FIXTURE_UNREADABLE, `Cannot read the fixture file ${file}.`, { fix: 'Check the path given to --fixture.', cause: e });
  }
  let fixture: unknown;
  try {
    fixture = JSON.parse(text);
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.SIM_FIXTURE_INVALID, `The fixture file ${file} is not valid JSON.`, { fix: 'Export a fixture again, or fix the JSON syntax.', cause: e });
  }
  try {
    return worldFromFixture(fixture);
  } catch (e) {
    if (e instanceof SimFixtureError) throw new RrcuError(CLI_ERRORS.SIM_FIXTURE_INVALID, e.message, { fix: e.fix, cause: e });
    throw e;
  }
}

function describe(sim: Simulator): string {
  const { rrcu, admin, state } = sim.world;
  const members = [...state.accounts.values()].filter((a) => !a.outsideOrganization && a.id !== state.managementAccountId).length;
  const lines = [
    'AWS simulator running: a SIMULATED organisation, not real AWS.',
    '',
    `  endpoint            ${sim.endpoint}`,
    `  region              ${sim.region}`,
    `  accounts            management ${state.managementAccountId} + ${members} member account(s)`,
    '',
    '  RRCU host user (what RRCU signs in as)',
    `    arn               ${rrcu.arn}`,
    `    access key id     ${rrcu.accessKeyId}`,
    `    secret key        ${rrcu.secretAccessKey}`,
    `  connector role      ${rrcu.connectorRoleArn}`,
    `  external id         ${rrcu.externalId}`,
    '',
    '  Administrator (management account root: every action allowed)',
    `    access key id     ${admin.accessKeyId}`,
    `    secret key        ${admin.secretAccessKey}`,
  ];
  if (rrcu.scimPath) {
    lines.push('', `  SCIM endpoint       ${sim.endpoint}${rrcu.scimPath}`, `  SCIM token          ${rrcu.scimToken}`);
  }
  lines.push(
    '',
    'Try:',
    `  AWS_ACCESS_KEY_ID=${rrcu.accessKeyId} AWS_SECRET_ACCESS_KEY=${rrcu.secretAccessKey} AWS_DEFAULT_REGION=${sim.region} \\`,
    `    aws --endpoint-url ${sim.endpoint} sts get-caller-identity`,
    '',
    `Admin API: ${sim.endpoint}/_sim/faults, /_sim/clock, /_sim/rate-limits, /_sim/ground-truth. Stop with Ctrl-C.`,
    '',
  );
  return lines.join('\n');
}
