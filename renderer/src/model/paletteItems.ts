import type { NodeType } from '../../../shared/journey/schema';

/** The palette, grouped the way a marketer thinks about a journey. */
export const PALETTE_GROUPS: {
  label: string;
  items: { type: NodeType; label: string; short: string; hint: string }[];
}[] = [
  {
    label: 'Start',
    items: [{ type: 'trigger', label: 'Trigger', short: 'Trigger', hint: 'Starts when an event happens' }],
  },
  {
    label: 'Timing',
    items: [
      { type: 'wait', label: 'Wait for event', short: 'Wait for', hint: 'Waits for an event, up to a limit' },
      { type: 'delay', label: 'Delay', short: 'Delay', hint: 'Waits a set time' },
    ],
  },
  {
    label: 'Logic',
    items: [
      { type: 'condition', label: 'Condition', short: 'If / else', hint: 'Yes or no, by rules' },
      { type: 'split', label: 'Split', short: 'Split', hint: 'A branch per value, e.g. by role' },
      { type: 'random_split', label: 'Random split', short: 'Random', hint: 'Shares by percentage' },
    ],
  },
  {
    label: 'Actions',
    items: [
      { type: 'email', label: 'Email', short: 'Email', hint: 'Sends an email' },
      { type: 'track', label: 'Track', short: 'Track', hint: 'Records an event or a trait' },
      { type: 'webhook', label: 'Webhook', short: 'Webhook', hint: 'Calls another system' },
    ],
  },
  { label: 'End', items: [{ type: 'exit', label: 'Exit', short: 'Exit', hint: 'Ends the journey here' }] },
];
