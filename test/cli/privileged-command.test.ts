/**
 * `rrcu privileged` as people run it: the real binary against a PGlite store holding a connector synced
 * from the simulator (in this process, answering the child over HTTP).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AccessRecord, PrivilegedMarkView } from '../../src/access/index.ts';
import { runCli, syncedCliStore } from '../harness/run-cli.ts';

describe('rrcu privileged', () => {
  let store: Awaited<ReturnType<typeof syncedCliStore>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    store = await syncedCliStore('rrcu-privileged-', { seed: 7, accounts: 1, users: 3, groups: 2, permissionSets: 1, iamUsersPerAccount: 0 });
    env = store.env;
  }, 300_000);
  afterAll(async () => {
    await store?.stop();
  });

  test('marks an entitlement privileged, lists it, unmarks it with a reason and keeps it in the history', async () => {
    const listed = await runCli(['access', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const access = JSON.parse(listed.stdout) as AccessRecord[];
    const member = access.find((r) => r.entitlement === 'member')!;
    expect(member).toBeDefined();

    const refused = await runCli(['privileged', 'mark', '--entitlement', member.entitlementKey, '--reason', ' '], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--reason');

    const marked = await runCli(['privileged', 'mark', '--entitlement', member.entitlementKey, '--reason', 'break-glass group', '--json'], env);
    expect(marked.code, marked.stderr).toBe(0);
    const mark = JSON.parse(marked.stdout) as PrivilegedMarkView;
    expect(mark).toMatchObject({ entitlementKey: member.entitlementKey, reason: 'break-glass group', markedBy: expect.stringMatching(/^cli:/) });

    const privileged = JSON.parse((await runCli(['access', '--privileged', '--json'], env)).stdout) as AccessRecord[];
    expect(privileged.filter((r) => r.entitlementKey === member.entitlementKey).every((r) => r.privilegedMark?.id === mark.id)).toBe(true);
    expect(privileged.some((r) => r.entitlementKey === member.entitlementKey)).toBe(true);

    const list = await runCli(['privileged', 'list'], env);
    expect(list.stdout).toContain(`${mark.id}  ${mark.entitlementName}  marked by ${mark.markedByName}`);

    const unmarked = await runCli(['privileged', 'unmark', mark.id, '--reason', 'retired'], env);
    expect(unmarked.code, unmarked.stderr).toBe(0);
    expect((await runCli(['privileged', 'list'], env)).stdout).toBe('No active privileged marks.\n');
    const history = JSON.parse((await runCli(['privileged', 'list', '--history', '--json'], env)).stdout) as PrivilegedMarkView[];
    expect(history).toEqual([expect.objectContaining({ id: mark.id, unmarkReason: 'retired' })]);
    // Eight CLI processes, each starting Node and opening PGlite: minutes on a busy two-core machine.
  }, 300_000);
});
