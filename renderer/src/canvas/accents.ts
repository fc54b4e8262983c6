import type { NodeType } from '../../../shared/journey/schema';

/**
 * The accent colour of each node type, grouped by what the step does: start (violet),
 * timing (amber), logic (blue), actions (green, cyan), end (slate). Mirrored in canvas.css.
 */
export const NODE_ACCENTS: Record<NodeType, string> = {
  trigger: '#7c3aed',
  delay: '#d97706',
  wait: '#d97706',
  condition: '#2563eb',
  split: '#2563eb',
  random_split: '#2563eb',
  email: '#059669',
  webhook: '#0891b2',
  track: '#0891b2',
  exit: '#64748b',
};
