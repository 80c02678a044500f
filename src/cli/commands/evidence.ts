import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { EVIDENCE_ERRORS } from '../../evidence/errors.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';

/** `--param key=value`, repeatable: a value that reads as JSON (true, 3, [..]) is taken as such, else as text. */
function collectParam(pair: string, into: Record<string, unknown>): Record<string, unknown> {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--param takes key=value, not "${pair}"`);
  const raw = pair.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Text, e.g. an instant or a name.
  }
  return { ...into, [pair.slice(0, at)]: value };
}

/** The report parameters options `evidence make` and `report` share: `--param key=value` (repeatable) and `--params JSON`. */
function withParameterOptions(command: Command): Command {
  return command
    .option('--param <key=value>', 'a parameter of the report (repeatable); `rrcu report list` names each kind\'s', collectParam, {})
    .option('--params <json>', 'the parameters as one JSON object (merged under --param)');
}

type ParameterOptions = { param: Record<string, unknown>; params?: string };

/** The parameters as given: `--params` first, each `--param` over it. */
function parametersOf(opts: ParameterOptions): Record<string, unknown> {
  let given: unknown = {};
  if (opts.params) {
    try {
      given = JSON.parse(opts.params);
    } catch (e) {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `--params is not JSON: ${(e as Error).message}`, { fix: 'Give one JSON object, e.g. --params \'{"at":"2026-03-31T23:59:59Z"}\'.' });
    }
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, '--params is not a JSON object.', { fix: 'Give one JSON object, e.g. --params \'{"at":"2026-03-31T23:59:59Z"}\'.' });
  }
  return { ...(given as Record<string, unknown>), ...opts.param };
}

/** Makes the pack now in this process (the job's makePack), or fails the command naming why. */
async function madePack(kind: string, opts: ParameterOptions) {
  const parameters = parametersOf(opts);
  const pack = await withApp(({ evidence: packs }) => packs.makeNow({ kind: kind as 'access_at', parameters }, cliActor()));
  if (pack.status !== 'done' || !pack.zip) {
    throw new RrcuError(EVIDENCE_ERRORS.PACK_NOT_READY, `Evidence pack ${pack.id} failed: ${pack.error ?? pack.status}`, { fix: 'The message says what to change; `rrcu evidence list` shows the pack.' });
  }
  return { ...pack, zip: pack.zip };
}

export function evidenceCommand(): Command {
  const evidence = new Command('evidence').description('signed evidence packs: make, list, verify');

  withParameterOptions(evidence
    .command('make')
    .description('make an evidence pack of a report now, in this process, store it, and write its zip')
    .argument('<kind>', 'the report kind: campaign, access_at, access_changes, jit_access, privileged_access, orphaned_identities'))
    .requiredOption('--out <file>', 'where to write the zip')
    .action(async (kind: string, opts: ParameterOptions & { out: string }) => {
      const pack = await madePack(kind, opts);
      await writeFile(opts.out, pack.zip);
      process.stdout.write(`Evidence pack ${pack.id} (${pack.kind}) written to ${opts.out}: ${pack.size} bytes, SHA-256 ${pack.sha256}\n`);
    });

  evidence
    .command('list')
    .description('evidence packs, newest first: who made each and when, its status')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const packs = await withApp(({ evidence: e }) => e.list({ limit: opts.limit }));
      if (opts.json) return printJson(packs);
      if (packs.length === 0) return void process.stdout.write('No evidence packs yet.\n');
      for (const p of packs) {
        const state = p.status === 'running' ? `running ${p.progress}%` : p.status === 'failed' ? `failed: ${p.error}` : p.status;
        process.stdout.write(`${p.id}  ${p.madeAt}  ${p.kind.padEnd(20)} ${state.padEnd(12)} by ${p.madeByName ?? p.madeBy}${p.sha256 ? `  sha256 ${p.sha256}` : ''}\n`);
      }
    });

  evidence
    .command('verify')
    .description('check a pack offline: the manifest\'s signature, every file\'s SHA-256, nothing unlisted; names the first thing that does not hold')
    .argument('<pack>', 'the pack\'s zip')
    .option('--public-key <file>', 'the public key RRCU serves (GET /api/evidence/public-key, `rrcu evidence public-key`); without it, the key the pack carries, which proves only that the pack is whole')
    .action(async (file: string, opts: { publicKey?: string }) => {
      const { verifyPack } = await import('../../evidence/index.ts');
      const verdict = await verifyPack(await readFile(file), opts.publicKey ? { publicKeyPem: await readFile(opts.publicKey, 'utf8') } : {});
      if (!verdict.ok) {
        throw new RrcuError(EVIDENCE_ERRORS.PACK_INVALID, `${file} does not verify: ${verdict.problem}.`, {
          fix: 'Do not rely on this pack: ask RRCU for it again (GET /api/evidence/packs/:id/download) and compare.',
        });
      }
      const m = verdict.manifest;
      process.stdout.write(`${file} verifies: ${m.files.length} files, signed by key ${verdict.fingerprint}${verdict.key === 'pack' ? ' (the key the pack carries: compare it with `rrcu evidence public-key` or GET /api/evidence/public-key)' : ''}.\n`);
      process.stdout.write(`${m.report.title} (${m.report.kind}), made ${m.madeAt} by ${m.madeBy.name ?? m.madeBy.actor} with RRCU ${m.rrcuVersion}; sync runs ${m.syncRunIds.join(', ') || 'none'}; audit chain head #${m.auditChainHead.seq} ${m.auditChainHead.hash}.\n`);
    });

  evidence
    .command('public-key')
    .description('print the public key packs are signed with (PEM); its fingerprint on standard error')
    .action(async () => {
      const key = await withApp(({ evidence: e }) => e.publicKey());
      process.stdout.write(key.publicKeyPem);
      process.stderr.write(`fingerprint (SHA-256 of the DER): ${key.fingerprint}\n`);
    });
  return evidence;
}

const FORMATS = ['pdf', 'csv', 'json'] as const;

/** One property of a kind's parameters as `rrcu report list` prints it: name, type, whether required. */
function describeParameter(name: string, schema: Record<string, unknown>, required: boolean): string {
  const type = schema.format ?? schema.type ?? (Array.isArray(schema.enum) ? (schema.enum as unknown[]).join('|') : 'value');
  const text = typeof schema.description === 'string' ? ` — ${schema.description}` : '';
  return `  --param ${name}=<${String(type)}>${required ? ' (required)' : ''}${text}`;
}

/**
 * `rrcu report KIND`: every report from the command line, as one file. The pack is made as `evidence make`
 * makes it (stored, signed, audited, listed under Evidence), and the chosen file is written out of it.
 */
export function reportCommand(): Command {
  const report = new Command('report').description('make a report (its evidence pack, stored) and write it as PDF, CSV or JSON; `rrcu report list` names the kinds');

  report
    .command('list')
    .description('the report kinds this RRCU makes, each with its parameters')
    .option('--json', 'print JSON (each kind\'s parameters as JSON Schema)')
    .action(async (opts: { json?: boolean }) => {
      const kinds = await withApp(async ({ evidence: e }) => e.kinds());
      if (opts.json) return printJson(kinds);
      for (const { kind, parameters } of kinds) {
        const schema = parameters as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
        process.stdout.write(`${kind}\n`);
        for (const [name, property] of Object.entries(schema.properties ?? {})) process.stdout.write(`${describeParameter(name, property, schema.required?.includes(name) ?? false)}\n`);
      }
    });

  withParameterOptions(report
    .argument('<kind>', 'the report kind (`rrcu report list`)'))
    // Checked in the action: a required option of `report` would be asked of `report list` too.
    .option('--format <format>', `${FORMATS.join(', ')} (required)`)
    .option('--table <name>', 'with --format csv, which table when the report has several (the CSV is one table)')
    .option('--out <file>', 'where to write it (default standard output; a PDF only to a file or a pipe)')
    .action(async (kind: string, opts: ParameterOptions & { format?: string; table?: string; out?: string }) => {
      if (!opts.format || !(FORMATS as readonly string[]).includes(opts.format)) {
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `--format is ${opts.format ?? 'missing'}: it is one of ${FORMATS.join(', ')}.`, { fix: 'Give --format pdf, --format csv or --format json.' });
      }
      if (opts.format === 'pdf' && !opts.out && process.stdout.isTTY) {
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'A PDF is not written to a terminal.', { fix: 'Give --out report.pdf, or pipe standard output to a file or a viewer.' });
      }
      const pack = await madePack(kind, opts);
      const { PACK_FILES, packFiles } = await import('../../evidence/index.ts');
      const wanted = (name: string) => (opts.format === 'csv' ? name.endsWith('.csv') && (!opts.table || name === `${opts.table}.csv`) : name === PACK_FILES[opts.format as 'pdf' | 'json']);
      const files = [...(await packFiles(pack.zip, wanted))].filter(([name]) => wanted(name));
      if (files.length !== 1) {
        const tables = [...(await packFiles(pack.zip, () => false)).keys()].filter((n) => n.endsWith('.csv')).map((n) => n.slice(0, -4));
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The ${kind} report has ${opts.table ? `no table ${opts.table}` : `${tables.length} tables`}: ${tables.join(', ')}.`, {
          fix: `Name one with --table (the whole pack, every table in it: \`rrcu evidence make ${kind} … --out pack.zip\`).`,
        });
      }
      const [name, bytes] = files[0]!;
      if (opts.out) await writeFile(opts.out, bytes!);
      else await new Promise<void>((resolve, reject) => process.stdout.write(bytes!, (e) => (e ? reject(e) : resolve())));
      process.stderr.write(`${name} of evidence pack ${pack.id} (${pack.kind}, SHA-256 ${pack.sha256}) written to ${opts.out ?? 'standard output'}; the pack is stored (rrcu evidence list).\n`);
    });
  return report;
}
