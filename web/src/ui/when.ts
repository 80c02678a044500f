/**
 * Instants in the reader's words and time zone. "Access as of" pickers use <input type="datetime-local">, which
 * speaks the browser's local time without a zone; the API and the URL speak ISO instants: the first three convert.
 */

/** `2024-05-01T09:30:00.000Z` → `2024-05-01T11:30` in the browser's zone; '' for nothing or garbage. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The browser's local `YYYY-MM-DDTHH:mm` → ISO instant; undefined when empty or not a date. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The instant of a URL's `at`, or undefined when absent or not a date (then the API answers for now). */
export function validAt(at: string | null): string | undefined {
  if (!at) return undefined;
  return Number.isNaN(new Date(at).getTime()) ? undefined : at;
}

/** Whether `at` is before RRCU's history starts (the first sync; none yet when null): nothing is known then. */
export function beforeHistory(at: string, firstSyncAt: string | null): boolean {
  return firstSyncAt === null || new Date(at).getTime() < new Date(firstSyncAt).getTime();
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The day only, for dense tables (the full instant goes in the cell's title). */
export function formatDay(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayFormat.format(d);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeFormat.format(d);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A timestamp in the reader's time zone, or "—" when there is none. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m} min ${String(totalS % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
