import { useState } from 'react';
import { ApiError, withQuery, type ErrorBody, type Query } from '../api.ts';

/**
 * Downloads GET /api/access.csv for the same question as on screen. Fetched rather than linked so that a refused
 * question (an unknown person, a bad date) shows its error here instead of downloading the error as a file.
 */
export function ExportCsvButton({ query, onError }: { query: Query; onError: (error: unknown) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onError(null);
    try {
      const response = await fetch(withQuery('/api/access.csv', query), { credentials: 'same-origin', headers: { accept: 'text/csv' } });
      if (!response.ok) {
        const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
        throw new ApiError(response.status, body?.error ?? { code: `HTTP_${response.status}`, message: `The export failed with HTTP ${response.status}.` });
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'rrcu-access.csv';
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button secondary" onClick={() => void run()} disabled={busy} aria-busy={busy}>
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}
