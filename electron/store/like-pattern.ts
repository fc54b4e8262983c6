/**
 * A LIKE pattern (with `ESCAPE '\'`) that finds `words` anywhere: `%`, `_` and `\` typed into a
 * search box mean themselves.
 * @example likePattern('50%_off') // '%50\\%\\_off%'
 */
export const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
