import { cloneElement, isValidElement, useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ApiError } from './api.ts';

/** The small building blocks every page uses, so that loading, errors and empty lists look and read the same everywhere. */

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

/**
 * The message the API gave for one input field (`ApiError.fields`), for showing next to that field. `name` is the
 * field's path in the request body, e.g. `config.roleArn`; the API prefixes it with `body.`.
 */
export function fieldError(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const names = [name, `body.${name}`, `querystring.${name}`];
  // A list's items are reported by index (`body.owners.1`): shown next to the list's one field.
  return error.fields.find((f) => names.some((n) => f.field === n || f.field.startsWith(`${n}.`)))?.message;
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · RRCU`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, not focused): fall through to the older way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Copies `text`; where the browser refuses, shows the text selected so that Ctrl+C / ⌘C copies it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const manualRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state === 'copied') {
      const t = setTimeout(() => setState('idle'), 2000);
      return () => clearTimeout(t);
    }
    if (state === 'manual') manualRef.current?.select();
    return undefined;
  }, [state]);
  return (
    <span className="copy">
      <button type="button" className="button secondary small" onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'manual'))}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-manual">
          <textarea ref={manualRef} readOnly value={text} aria-label={`${label}: text to copy`} rows={Math.min(4, text.split('\n').length)} onFocus={(e) => e.currentTarget.select()} />
          <span className="hint">The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).</span>
        </span>
      )}
    </span>
  );
}

export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <CopyButton text={code} label={label} />
      </div>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  );
}

type Tone = 'ok' | 'info' | 'warn' | 'danger' | 'neutral';

const STATUS: Record<string, [string, Tone]> = {
  not_connected: ['Not connected', 'neutral'],
  syncing: ['Syncing', 'info'],
  connected: ['Connected', 'ok'],
  error: ['Error', 'danger'],
  running: ['Running', 'info'],
  interrupted: ['Interrupted', 'warn'],
  succeeded: ['Succeeded', 'ok'],
  failed: ['Failed', 'danger'],
  pending: ['Pending', 'neutral'],
  queued: ['Queued', 'info'],
  ok: ['OK', 'ok'],
  denied: ['Denied', 'danger'],
  not_checked: ['Not checked', 'neutral'],
  warning: ['Warning', 'warn'],
  applied: ['Applied', 'ok'],
  already: ['Already so', 'ok'],
  revoked: ['Revoked', 'neutral'],
  expired: ['Expired', 'neutral'],
  active: ['Active', 'ok'],
  disabled: ['Disabled', 'neutral'],
  archived: ['Archived', 'neutral'],
};

const MARK: Record<Tone, string> = { ok: '✓', info: '●', warn: '!', danger: '✕', neutral: '○' };

/** A status as colour and words (never colour alone). Unknown statuses are shown as their words. */
export function StatusBadge({ status }: { status: string }) {
  const [label, tone] = STATUS[status] ?? [humanize(status), 'neutral' as Tone];
  return (
    <span className={`badge badge-${tone}`}>
      <span aria-hidden="true" className={tone === 'info' ? 'badge-mark pulse' : 'badge-mark'}>
        {MARK[tone]}
      </span>
      {label}
    </span>
  );
}

function humanize(s: string): string {
  const words = s.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
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

type ControlProps = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/**
 * A labelled form control: the label points at the control (so `getByLabel('Role ARN')` finds it), the hint and
 * the error are tied to it with aria-describedby. `children` is one input, select or textarea.
 */
export function Field({ label, error, children, hint }: { label: string; error?: string | undefined; children: ReactNode; hint?: ReactNode }) {
  const auto = useId();
  const child = isValidElement<ControlProps>(children) ? (children as ReactElement<ControlProps>) : null;
  const id = child?.props.id ?? `field-${auto}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [child?.props['aria-describedby'], hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = child ? cloneElement(child, { id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) }) : children;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A modal dialog on the native <dialog>: focus stays inside, Escape and the Close button call onClose. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onMouseDown={(e) => {
        // A press on the backdrop lands on the dialog element itself.
        if (e.target === ref.current) onCloseRef.current();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button ghost small" onClick={() => onCloseRef.current()} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
