import { sql } from 'drizzle-orm';
import { jsonb, pgTable, type AnyPgColumn, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A human behind one or more principals (IAM user, Identity Center user), matched by email or user name. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    displayName: text('display_name').notNull(),
    /** Lower-cased; the strongest match key. */
    email: text('email'),
    /** Lower-cased user name, the fallback match key when no email is known. */
    userName: text('user_name'),
    /** From their Identity Center user's enterprise attributes: title, department, division, organization, costCenter, employeeNumber. */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** The person of their Identity Center user's manager; derived at sync, like the principals' links. */
    managerId: uuid('manager_id').references((): AnyPgColumn => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(t.email).where(sql`${t.email} is not null`),
    uniqueIndex('people_user_name_key').on(t.userName).where(sql`${t.email} is null and ${t.userName} is not null`),
  ],
);
