import type { NodeOf } from '../journey/schema';
import { bucketOf } from './random';

/**
 * The branch a user takes at a random split: the first whose running total of percentages is above
 * the user's bucket (the last one when they add up to less). The interpreter and a journey's
 * results both use it, so a report puts each user on the branch they actually took.
 * @example randomBranch('u1', splitNode) // { output: 'b', bucket: 61.3 }
 */
export function randomBranch(userId: string, node: NodeOf<'random_split'>): { output: string; bucket: number } {
  const bucket = bucketOf(userId, node.id);
  let total = 0;
  for (const branch of node.config.branches) {
    total += branch.percent;
    if (bucket < total) return { output: branch.output, bucket };
  }
  return { output: node.config.branches[node.config.branches.length - 1]?.output ?? 'next', bucket };
}
