import { useEffect, useId, useRef, useState } from 'react';
import { isoToLocalInput, localInputToIso } from '../ui/when.ts';

const COMMIT_AFTER_MS = 350;

/**
 * "Access as of": a date and time in the reader's zone; empty means now. Editing one part of the date (day,
 * hour, …) is a complete value each time, so the change is committed once the typing pauses.
 */
export function AsOfPicker({ at, onChange }: { at: string | undefined; onChange: (iso: string | undefined) => void }) {
  const id = useId();
  const [value, setValue] = useState(isoToLocalInput(at));
  const [max] = useState(() => isoToLocalInput(new Date(Date.now() + 60_000).toISOString()));

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  // A new URL (back button, shared link, "show access now") wins over what was typed.
  useEffect(() => setValue(isoToLocalInput(at)), [at]);

  useEffect(() => {
    const iso = localInputToIso(value);
    const current = at ? isoToLocalInput(at) : '';
    if (value === current) return undefined;
    if (value !== '' && !iso) return undefined;
    const t = setTimeout(() => onChangeRef.current(iso), COMMIT_AFTER_MS);
    return () => clearTimeout(t);
  }, [value, at]);

  return (
    <div className="field as-of">
      <label htmlFor={id}>Access as of</label>
      <div className="inline">
        <input id={id} type="datetime-local" value={value} max={max} onChange={(e) => setValue(e.target.value)} aria-describedby={`${id}-hint`} />
        {value && (
          <button type="button" className="button small ghost" onClick={() => setValue('')}>
            Clear date
          </button>
        )}
      </div>
      <span id={`${id}-hint`} className="visually-hidden">
        Empty shows access now.
      </span>
    </div>
  );
}
