import type { JourneyNode } from './schema';

/** An output handle of a node: its id (used in edges) and the label shown on the canvas. */
export interface NodeOutput {
  id: string;
  label: string;
}

/**
 * The named outputs of a node. Edges leave a node through one of these.
 * @example nodeOutputs(waitNode) // [{id:'happened',...},{id:'timed_out',label:'timed out'}]
 */
export function nodeOutputs(node: JourneyNode): NodeOutput[] {
  switch (node.type) {
    case 'trigger':
    case 'delay':
    case 'email':
    case 'webhook':
    case 'track':
      return [{ id: 'next', label: 'next' }];
    case 'wait':
      return [
        { id: 'happened', label: 'happened' },
        { id: 'timed_out', label: 'timed out' },
      ];
    case 'condition':
      return [
        { id: 'true', label: 'yes' },
        { id: 'false', label: 'no' },
      ];
    case 'split':
      return [
        ...node.config.cases.map((c) => ({ id: c.output, label: c.label ?? c.output.replaceAll('_', ' ') })),
        { id: 'everyone_else', label: 'everyone else' },
      ];
    case 'random_split':
      return node.config.branches.map((b) => ({ id: b.output, label: `${b.output} (${b.percent}%)` }));
    case 'exit':
      return [];
    default:
      return exhaustive(node);
  }
}

/** Fails to compile when a node type is added and a switch forgets it. */
export function exhaustive(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
