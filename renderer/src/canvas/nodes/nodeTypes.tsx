import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { NodeType } from '../../../../shared/journey/schema';
import type { CardNodeOf } from '../flowTypes';
import { NodeCard } from './NodeCard';

/**
 * One memoised component per node type. They share the card shell today; each is the place
 * where its type grows its own details (the editor's inline hints, an email preview, ...).
 */

const TriggerNode = memo(({ data }: NodeProps<CardNodeOf<'trigger'>>) => <NodeCard data={data} input={false} />);
const DelayNode = memo(({ data }: NodeProps<CardNodeOf<'delay'>>) => <NodeCard data={data} />);
const WaitNode = memo(({ data }: NodeProps<CardNodeOf<'wait'>>) => <NodeCard data={data} />);
const ConditionNode = memo(({ data }: NodeProps<CardNodeOf<'condition'>>) => <NodeCard data={data} />);
const SplitNode = memo(({ data }: NodeProps<CardNodeOf<'split'>>) => <NodeCard data={data} />);
const RandomSplitNode = memo(({ data }: NodeProps<CardNodeOf<'random_split'>>) => <NodeCard data={data} />);
const EmailNode = memo(({ data }: NodeProps<CardNodeOf<'email'>>) => <NodeCard data={data} />);
const WebhookNode = memo(({ data }: NodeProps<CardNodeOf<'webhook'>>) => <NodeCard data={data} />);
const TrackNode = memo(({ data }: NodeProps<CardNodeOf<'track'>>) => <NodeCard data={data} />);
const ExitNode = memo(({ data }: NodeProps<CardNodeOf<'exit'>>) => <NodeCard data={data} />);

/** Defined once at module scope: a new object per render would remount every node. */
export const nodeTypes = {
  trigger: TriggerNode,
  delay: DelayNode,
  wait: WaitNode,
  condition: ConditionNode,
  split: SplitNode,
  random_split: RandomSplitNode,
  email: EmailNode,
  webhook: WebhookNode,
  track: TrackNode,
  exit: ExitNode,
} satisfies NodeTypes & Record<NodeType, unknown>;
