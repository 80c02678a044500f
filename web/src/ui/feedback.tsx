import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';

/** Loading, errors and empty lists, so that they look and read the same on every page. */

export function Loading({ label }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? 'Loading…'}
    </div>
  );
}

/** An error where it happened: what went wrong, what to do (`fix`), the code to search for. `title` overrides the heading. */
export function ErrorBox({ error, title: heading }: { error: unknown; title?: string }) {
  if (!error) return null;
  const { title: described, message, fix, code, fields } = describeError(error);
  const title = heading ?? described;
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{title}</p>
      <p className="error-message">{message}</p>
      {fields.length > 0 && (
        <ul className="error-fields">
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {fix && (
        <p className="error-fix">
          <strong>What to do: </strong>
          {fix}
        </p>
      )}
      {code && <p className="error-code">Error code {code}</p>}
    </div>
  );
}

function describeError(error: unknown): { title: string; message: string; fix?: string; code?: string; fields: { field: string; message: string }[] } {
  if (error instanceof ApiError) {
    const title = error.status === 404 ? 'Not found' : error.status === 403 ? 'Not allowed' : error.status >= 500 ? 'Server error' : 'Something went wrong';
    return { title, message: error.message, ...(error.fix ? { fix: error.fix } : {}), code: error.code, fields: error.fields };
  }
  if (error instanceof TypeError) {
    return { title: 'Cannot reach RRCU', message: error.message, fix: 'Check that the RRCU server is running and reachable, then try again.', fields: [] };
  }
  if (error instanceof Error) return { title: 'Something went wrong', message: error.message, fields: [] };
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { message: unknown; fix?: unknown; code?: unknown };
    return {
      title: 'Something went wrong',
      message: String(e.message),
      ...(typeof e.fix === 'string' ? { fix: e.fix } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      fields: [],
    };
  }
  return { title: 'Something went wrong', message: String(error), fields: [] };
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
