import { useEffect, useState } from 'react';

/** `value`, but only once it has stayed the same for `ms` — for reads that need not follow every step of a drag. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
