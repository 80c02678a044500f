import { expect, test } from 'vitest';
import { QUEUE_OPTIONS, startJobEngine } from '../../src/jobs/index.ts';
import { describeStore } from '../harness/store-test.ts';

describeStore('the job engine creates each capability\'s queues with its spec', (store) => {
  test('a spec may keep finished jobs for less than the default week (a tick every few seconds); a restart applies a changed value', async () => {
    const first = await startJobEngine(store(), { supervise: false, queues: [{ name: 'spec-default' }, { name: 'spec-tick', policy: 'singleton', deleteAfterSeconds: 3600 }] });
    try {
      expect((await first.boss.getQueue('spec-default'))?.deleteAfterSeconds).toBe(QUEUE_OPTIONS.deleteAfterSeconds);
      expect(await first.boss.getQueue('spec-tick')).toMatchObject({ policy: 'singleton', deleteAfterSeconds: 3600 });
    } finally {
      await first.stop({ graceful: false });
    }
    const again = await startJobEngine(store(), { supervise: false, queues: [{ name: 'spec-tick', policy: 'singleton', deleteAfterSeconds: 600 }] });
    try {
      expect((await again.boss.getQueue('spec-tick'))?.deleteAfterSeconds).toBe(600);
    } finally {
      await again.stop({ graceful: false });
    }
  });
});
