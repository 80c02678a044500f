import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDebounced } from '../ui/use-debounced.ts';
import { ACCESS_KIND_LABELS, type AccessKind } from './labels.ts';
import { useSuggestions, type Suggestion } from './queries.ts';

const DEBOUNCE_MS = 200;

type Props = {
  /** The input's id, for a <label htmlFor> outside (or Field). */
  id: string;
  value: string;
  onChange: (text: string) => void;
  onPick: (s: Suggestion) => void;
  /** Only these kinds are offered (all when absent). */
  kinds?: readonly AccessKind[];
  placeholder?: string;
  autoFocus?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
};

/**
 * A text box that suggests people, principals, accounts, groups and permission sets as you type (the ARIA 1.2
 * combobox pattern): ↓/↑ move through the list, Enter picks (the first match when none is highlighted, also when
 * Enter comes before the answer), Escape closes it.
 */
export function SuggestInput({ id, value, onChange, onPick, kinds, placeholder, autoFocus, ...aria }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Enter pressed before the suggestions for the text arrived: pick the first one when they do.
  const [pickWhenReady, setPickWhenReady] = useState<string | null>(null);
  const q = value.trim();
  const debounced = useDebounced(q, DEBOUNCE_MS);
  const search = useSuggestions(debounced);
  const fresh = debounced === q && !search.isPlaceholderData && search.isSuccess;
  const items = (search.data?.items ?? []).filter((s) => !kinds || kinds.includes(s.kind));
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => setActive(-1), [debounced]);

  const pick = (s: Suggestion) => {
    setOpen(false);
    setActive(-1);
    setPickWhenReady(null);
    onPick(s);
  };

  useEffect(() => {
    if (pickWhenReady === null || pickWhenReady !== q || !fresh) return;
    const first = items[0];
    if (first) pick(first);
    else setPickWhenReady(null);
    // `pick` and `items` follow from the answer this waits for (search.data), so they are not listed.
  }, [pickWhenReady, q, fresh, search.data]);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      if (items.length > 0) setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (items.length > 0) setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (!q) return;
      e.preventDefault();
      const chosen = active >= 0 ? items[active] : fresh ? items[0] : undefined;
      if (chosen) pick(chosen);
      else if (!fresh) setPickWhenReady(q);
      else setOpen(true);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  const showList = open && q.length > 0;
  const waiting = q !== debounced || search.isFetching;
  const activeId = active >= 0 && items[active] ? `${listId}-opt-${active}` : undefined;

  return (
    <div className="suggest">
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={aria['aria-describedby']}
        aria-invalid={aria['aria-invalid']}
        value={value}
        placeholder={placeholder}
        autoFocus={autoFocus}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setPickWhenReady(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="suggest-popup" hidden={!showList}>
      <ul id={listId} role="listbox" ref={listRef} className="suggest-list" aria-label="Suggestions">
        {showList &&
          items.map((s, i) => (
            <li
              key={`${s.kind}:${s.value}`}
              id={`${listId}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggest-option active' : 'suggest-option'}
              // mousedown, not click: the input keeps focus, so the list does not close before the pick.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="suggest-kind">{ACCESS_KIND_LABELS[s.kind] ?? s.kind}</span>
              <span className="suggest-label">{s.label}</span>
              {s.detail && <span className="suggest-detail">{s.detail}</span>}
            </li>
          ))}
      </ul>
      <div className="suggest-status" role="status" aria-live="polite">
        {!showList ? '' : search.isError ? 'Suggestions are not available right now.' : waiting && items.length === 0 ? 'Searching…' : fresh && items.length === 0 ? `No matches for “${q}”.` : ''}
      </div>
      </div>
    </div>
  );
}
