import type { Problem } from '../../shared/api/journey';

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/** A problem about the file as a whole, e.g. it is not JSON. */
export const fileProblem = (message: string, field?: string): Problem => ({
  severity: 'error',
  ...(field ? { field } : {}),
  message,
});
