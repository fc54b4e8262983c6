/**
 * The messageIds a user's state has applied, as an immutable set that is cheap to extend.
 *
 * States flow in a line (each step's result feeds the next), so extending the newest view appends
 * to the shared map in place: O(1), where copying a set per event made history quadratic. A view
 * knows its own size, so ids appended by a later view are invisible to it; extending an older
 * view (a branch, e.g. a test replaying from a saved state) copies just that view's ids first.
 */
export class SeenIds {
  private constructor(
    /** id → the position it was added at. */
    private readonly ids: Map<string, number>,
    readonly size: number,
  ) {}

  static of(ids: Iterable<string> = []): SeenIds {
    const map = new Map<string, number>();
    for (const id of ids) if (!map.has(id)) map.set(id, map.size);
    return new SeenIds(map, map.size);
  }

  has(id: string): boolean {
    const at = this.ids.get(id);
    return at !== undefined && at < this.size;
  }

  /** This set with `id` added; this view itself never changes. */
  with(id: string): SeenIds {
    if (this.has(id)) return this;
    let ids = this.ids;
    if (ids.size !== this.size) {
      ids = new Map();
      for (const [key, at] of this.ids) if (at < this.size) ids.set(key, at);
    }
    ids.set(id, this.size);
    return new SeenIds(ids, this.size + 1);
  }
}
