/**
 * 32-bit FNV-1a of a string's UTF-16 code units: a fast, stable hash, the same in every process.
 * @example fnv1a32('a') // 0xe40c292c
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A stable bucket in [0, 100) for a user at a node: FNV-1a of "userId:nodeId". The same user
 * always takes the same branch of a random split, in the simulator and in production.
 * @example bucketOf('user-1', 'ab_test') // e.g. 42.17
 */
export function bucketOf(userId: string, nodeId: string): number {
  return (fnv1a32(`${userId}:${nodeId}`) % 10_000) / 100;
}
