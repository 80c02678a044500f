import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { ErrorBox } from './feedback.tsx';

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

/**
 * A form's refusal under the form. When the form shows it at one of its `fields` (the message is there, next to the
 * field), only what to do is left to say: a short box with the error's fix (a policy's "split the accounts"), which
 * no field shows. Otherwise the whole error, as ErrorBox.
 */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error) return null;
  if (!fields.some((f) => fieldError(error, f))) return <ErrorBox error={error} />;
  const fix = error instanceof ApiError ? error.fix : undefined;
  if (!fix) return null;
  return (
    <div className="error-box" role="alert">
      <p className="error-fix">
        <strong>What to do: </strong>
        {fix}
      </p>
    </div>
  );
}

/** A checkbox with its label and hint beside it, the hint tied to it with aria-describedby. */
export function Checkbox({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <div className="check-text">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </div>
    </div>
  );
}
