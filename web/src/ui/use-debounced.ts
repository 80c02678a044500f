import { useEffect, useState } from 'react';

/** `value` once it has not changed for `ms`: what a search or a preview asks the server, instead of each keystroke. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
