import { ROLE_OPTIONS } from './roles.ts';

/** The `<option>`s of a role `<select>`, most powerful first. */
export function RoleOptions() {
  return (
    <>
      {ROLE_OPTIONS.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </>
  );
}
