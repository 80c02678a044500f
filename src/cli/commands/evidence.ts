import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { RrcuError } from '../../core/errors.ts';
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

export function evidenceCommand(): Command {
  const evidence = new Command('evidence').description('signed evidence packs: make, list, verify');

  evidence
    .command('make')
    .description('make an evidence pack of a report now, in this process, store it, and write its zip')
    .argument('<kind>', 'the report kind: campaign, access_at, access_changes, jit_access, privileged_access, orphaned_identities')
    .option('--param <key=value>', 'a parameter of the report (repeatable); see GET /api/evidence/kinds for each kind\'s', collectParam, {})
    .option('--params <json>', 'the parameters as one JSON object (merged under --param)')
    .requiredOption('--out <file>', 'where to write the zip')
    .action(async (kind: string, opts: { param: Record<string, unknown>; params?: string; out: string }) => {
      const parameters = { ...(opts.params ? (JSON.parse(opts.params) as Record<string, unknown>) : {}), ...opts.param };
      const pack = await withApp(({ evidence: packs }) => packs.makeNow({ kind: kind as 'access_at', parameters }, cliActor()));
      if (pack.status !== 'done' || !pack.zip) {
        process.stderr.write(`Evidence pack ${pack.id} failed: ${pack.error ?? pack.status}\n`);
        process.exitCode = 1;
        return;
      }
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
