/** A value a store gives at once (SQLite) or later (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/**
 * Rows a store gives one at a time: SQLite's statements iterate synchronously, PostgreSQL's
 * cursors fetch a page at a time. Either way only a page is in memory, never the whole result.
 */
export type RowStream<T> = Iterable<T> | AsyncIterable<T>;

/** A stream whose next row can be looked at before it is taken (reports walk streams side by side). */
export interface Peekable<T> {
  /** The next row, or undefined at the end. */
  peek(): Promise<T | undefined>;
  /** Takes the row `peek` just gave. */
  take(): T;
  /** Ends the stream early (a cursor is closed, a statement reset). */
  close(): Promise<void>;
}

export function peekable<T>(rows: RowStream<T>): Peekable<T> {
  const iterator: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  let head: IteratorResult<T> | Promise<IteratorResult<T>> = iterator.next();
  return {
    async peek() {
      head = await head;
      return head.done ? undefined : head.value;
    },
    take() {
      const value = (head as IteratorResult<T>).value as T;
      head = iterator.next();
      return value;
    },
    async close() {
      await head;
      await iterator.return?.();
    },
  };
}
