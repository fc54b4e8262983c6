import './When.css';
import { useEffect, useState } from 'react';
import { fullTime, localTime, relativeTime } from './time';

/** The current time, ticking every `everyMs` so relative times stay true. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A time as people read it: local time and how long ago (or how soon), the full date on hover. */
export function When({ at, relativeOnly = false }: { at: number; relativeOnly?: boolean }) {
  const now = useNow();
  const relative = relativeTime(at, now);
  return (
    <time className="when" dateTime={new Date(at).toISOString()} title={fullTime(at)}>
      {relativeOnly ? (
        relative
      ) : (
        <>
          {localTime(at, now)} <span className="when__relative">· {relative}</span>
        </>
      )}
    </time>
  );
}
