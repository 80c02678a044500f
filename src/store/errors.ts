/** PostgreSQL's unique_violation, wherever the driver or Drizzle nested it in `cause`. */
export function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
