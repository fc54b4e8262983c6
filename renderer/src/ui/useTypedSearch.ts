import { useEffect, useRef, useState } from 'react';

/** How long after the last key a search box asks the host: one request per pause, not per key. */
export const SEARCH_DELAY_MS = 200;

/**
 * A search box's text, handed to `search` a moment after the last key. `searchFirst` also asks
 * once for the text it starts with (for a view whose list comes only from searching).
 * @example const [text, setText] = useTypedSearch(query, (q) => store.getState().loadSuppressions(q));
 */
export function useTypedSearch(
  initial: string,
  search: (text: string) => void,
  { searchFirst = false }: { searchFirst?: boolean } = {},
): [string, (text: string) => void] {
  const [text, setText] = useState(initial);
  const latest = useRef(search);
  latest.current = search;
  const asked = useRef<string | null>(searchFirst ? null : initial);
  useEffect(() => {
    if (text === asked.current) return;
    const timer = setTimeout(() => {
      asked.current = text;
      latest.current(text);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return [text, setText];
}
