import { Fragment } from 'react';
import { Link } from '../ui/link.tsx';
import { credentialSummary } from './credential-summary.ts';
import { usePersonByEmail, type Person } from './queries.ts';

/** The attributes a person's Identity Center user gives, in the order they are shown. */
const ATTRIBUTES: readonly (readonly [keyof Person['attributes'], string])[] = [
  ['title', 'Title'],
  ['department', 'Department'],
  ['division', 'Division'],
  ['organization', 'Organisation'],
  ['costCenter', 'Cost centre'],
  ['employeeNumber', 'Employee number'],
];

/**
 * Who the person whose access is shown is: title, department, cost centre… and manager, from their
 * Identity Center user as the last sync saw it, and each IAM user's MFA, password and access keys.
 * Nothing when RRCU knows none of it.
 */
export function PersonCard({ email, at }: { email: string; at: string | undefined }) {
  const person = usePersonByEmail(email).data;
  if (!person) return null;
  const shown = ATTRIBUTES.filter(([key]) => person.attributes[key]);
  const now = Date.now();
  const iamUsers = person.principals.flatMap((p) => (p.credentials ? [{ name: p.displayName, id: p.externalId, summary: credentialSummary(p.credentials, now) }] : [])).filter((u) => u.summary.length > 0);
  if (shown.length === 0 && !person.manager && iamUsers.length === 0) return null;
  const manager = person.manager;
  return (
    <section aria-label={`About ${person.displayName}`}>
      <dl className="props">
        {shown.map(([key, label]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{person.attributes[key]}</dd>
          </Fragment>
        ))}
        {manager && (
          <>
            <dt>Manager</dt>
            <dd>
              {manager.email ? (
                <Link href={`/access?${new URLSearchParams({ person: manager.email, ...(at ? { at } : {}) }).toString()}`}>{manager.displayName}</Link>
              ) : (
                manager.displayName
              )}
            </dd>
          </>
        )}
        {iamUsers.map((u) => (
          <Fragment key={u.id}>
            <dt title={u.id}>IAM user {u.name}</dt>
            <dd>{u.summary.join(', ')}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
