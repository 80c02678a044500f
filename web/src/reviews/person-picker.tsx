import { useId, useState } from 'react';
import { useDebounced } from '../ui/use-debounced.ts';
import { usePeopleSearch } from './queries.ts';
import type { PersonRef } from './types.ts';

/**
 * One person, found by part of their name or email among the people the syncs found: a labelled search box,
 * then a "Choose …" button per match (so a keyboard or `getByRole('button', { name: 'Choose Alice …' })` picks).
 */
export function PersonPicker({ label, value, onChange, hint, error }: { label: string; value: PersonRef | null; onChange: (p: PersonRef | null) => void; hint?: string; error?: string | undefined }) {
  const id = useId();
  const [text, setText] = useState('');
  const search = usePeopleSearch(useDebounced(text, 250));
  if (value) {
    return (
      <div className={error ? 'field has-error' : 'field'}>
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <p aria-labelledby={`${id}-label`}>
          <span className="chip">
            {value.displayName}
            {value.email && <span className="chip-kind"> ({value.email})</span>}
            <button type="button" className="chip-remove" aria-label={`Remove ${value.displayName} from ${label}`} onClick={() => onChange(null)}>
              ✕
            </button>
          </span>
        </p>
        {error && <p className="field-error">{error}</p>}
      </div>
    );
  }
  const matches = text.trim().length >= 2 ? (search.data ?? []) : [];
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name or email" aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {matches.length > 0 && (
        <ul className="person-matches" aria-label={`People matching ${text}`}>
          {matches.map((p) => (
            <li key={p.id}>
              <button type="button" className="button secondary small" onClick={() => { onChange({ id: p.id, displayName: p.displayName, email: p.email }); setText(''); }}>
                Choose {p.displayName}
                {p.email ? ` (${p.email})` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {text.trim().length >= 2 && search.data?.length === 0 && <p className="hint">Nobody matches “{text}”.</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/** Several people (named reviewers, administrators, named people in scope): chips, and a picker to add one. */
export function PeoplePicker({ label, value, onChange, hint, error }: { label: string; value: PersonRef[]; onChange: (p: PersonRef[]) => void; hint?: string; error?: string | undefined }) {
  return (
    <div className="people-picker">
      {value.length > 0 && (
        <ul className="chips" aria-label={label}>
          {value.map((p) => (
            <li key={p.id} className="chip">
              {p.displayName}
              <button type="button" className="chip-remove" aria-label={`Remove ${p.displayName} from ${label}`} onClick={() => onChange(value.filter((v) => v.id !== p.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <PersonPicker
        label={value.length > 0 ? `Add to ${label.toLowerCase()}` : label}
        value={null}
        onChange={(p) => p && !value.some((v) => v.id === p.id) && onChange([...value, p])}
        {...(hint ? { hint } : {})}
        error={error}
      />
    </div>
  );
}
