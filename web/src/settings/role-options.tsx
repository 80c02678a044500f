import type { Role } from '../types.ts';
import { ROLE_OPTIONS, rolesUpTo } from './roles.ts';

/** The `<option>`s of a role `<select>`, most powerful first; with `upTo`, only that role and those below. */
export function RoleOptions({ upTo }: { upTo?: Role } = {}) {
  return (
    <>
      {(upTo ? rolesUpTo(upTo) : ROLE_OPTIONS).map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </>
  );
}
