/**
 * Runs asynchronous work one piece at a time, in the order given: each starts when the one before
 * has settled (failed or not). Queries on one connection, settings re-reads, reports on one engine.
 * @example const inOrder = serially(); await Promise.all([inOrder(readA), inOrder(readB)]); // A, then B
 */
export function serially(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = last.then(work, work);
    last = next.catch(() => {});
    return next;
  };
}

/** A value a store gives at once (SQLite) or later (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/**
 * Rows a store gives one at a time: SQLite's statements iterate synchronously, PostgreSQL's
 * cursors fetch a page at a time. Either way only a page is in memory, never the whole result.
 */
export type RowStream<T> = Iterable<T> | AsyncIterable<T>;

/**
 * A stream of rows sorted by their first column, taken a key at a time: reports walk a cohort and,
 * beside it in the same order, each member's rows. A synchronous stream (SQLite) is read without
 * a promise per row; a cursor (PostgreSQL) awaits a page at a time.
 */
export interface KeyedRows<T extends readonly unknown[]> {
  /** The rows at the head of the stream whose first column is `key` (none if it is not next). */
  take(key: T[0]): Awaitable<T[]>;
  /** Ends the stream early (a cursor is closed, a statement reset). */
  close(): Promise<void>;
}

export function keyedRows<T extends readonly unknown[]>(rows: RowStream<T>): KeyedRows<T> {
  if (Symbol.asyncIterator in rows) {
    const iterator = rows[Symbol.asyncIterator]();
    let head: Promise<IteratorResult<T>> | IteratorResult<T> = iterator.next();
    // Asked for at once, taken later: a first page that fails meanwhile is reported by `take`,
    // not left as an unhandled rejection (which would end the process).
    head.catch(() => {});
    return {
      async take(key) {
        const taken: T[] = [];
        for (head = await head; !head.done && head.value[0] === key; head = await iterator.next()) {
          taken.push(head.value);
        }
        return taken;
      },
      async close() {
        await Promise.resolve(head).catch(() => {});
        await iterator.return?.();
      },
    };
  }
  const iterator = rows[Symbol.iterator]();
  let head = iterator.next();
  return {
    take(key) {
      const taken: T[] = [];
      for (; !head.done && head.value[0] === key; head = iterator.next()) taken.push(head.value);
      return taken;
    },
    async close() {
      iterator.return?.();
    },
  };
}
