import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createNotificationService, notify } from '../../src/notifications/index.ts';
import { fanOut } from '../../src/notifications/fanout.ts';
import { notificationDeliveries, notificationFanouts, people } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';

const MIGRATION_0018 = new URL('../../src/store/migrations/0018_notification_delivery.sql', import.meta.url);

describeStore('migration 0018: delivery starts from now', (store) => {
  test('the outbox rows written before it count as fanned out, so the first channel configured mails none of them', async () => {
    const db = store().db;
    // The store as it was before 0018, with an inbox's worth of notifications; then 0018 as the migrator runs it.
    await db.execute(sql`drop table audit_stream_cursors, notification_deliveries, notification_fanouts, notification_preferences, notification_channels cascade`);
    const [ann] = await db.insert(people).values({ displayName: 'Ann', email: `ann-${randomUUID().slice(0, 8)}@corp.example` }).returning();
    const before = [];
    for (let i = 0; i < 3; i++) before.push((await notify(db, { kind: 'review.assigned', recipient: { personId: ann!.id }, title: `Old ${i}`, dedupeKey: `old:${randomUUID()}` }))!.id);
    for (const statement of readFileSync(MIGRATION_0018, 'utf8').split('--> statement-breakpoint')) await db.execute(sql.raw(statement));
    for (const id of before) expect(await db.select().from(notificationFanouts).where(eq(notificationFanouts.notificationId, id))).toHaveLength(1);

    await createNotificationService({ db, secretKey: 'migration-test-secret-key-0123456789abcd' }).createChannel({ kind: 'email', name: 'First', config: { host: '127.0.0.1', port: 2525, security: 'none', from: 'rrcu@example.com' } }, 'user:admin');
    const after = await notify(db, { kind: 'request.submitted', recipient: { personId: ann!.id }, title: 'New', dedupeKey: `new:${randomUUID()}` });
    await fanOut({ db, now: () => new Date() });
    const deliveries = await db.select({ notificationId: notificationDeliveries.notificationId }).from(notificationDeliveries);
    expect(deliveries).toEqual([{ notificationId: after!.id }]);
  });
});
