import type { MetaRepo } from '../store';

/** Where the activation event chosen in the Metrics view is remembered (the CLI reads it too). */
const ACTIVATION_KEY = 'metrics.activationEvent';

export function activationEventOf(meta: MetaRepo): string | null {
  const value = meta.get(ACTIVATION_KEY);
  return value ? value : null;
}

export function rememberActivationEvent(meta: MetaRepo, event: string | null): void {
  meta.set(ACTIVATION_KEY, event ?? '');
}
