import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { NodeType } from '../../../../shared/journey/schema';
import type { CardNodeOf } from '../flowTypes';
import { NodeCard } from './NodeCard';

/**
 * One memoised component per node type. They share the card shell today; each is the place
 * where its type grows its own details (the editor's inline hints, an email preview, ...).
 */

const TriggerNode = memo(({ data, selected }: NodeProps<CardNodeOf<'trigger'>>) => (
  <NodeCard data={data} selected={selected} input={false} />
));
const DelayNode = memo(({ data, selected }: NodeProps<CardNodeOf<'delay'>>) => (
  <NodeCard data={data} selected={selected} />
));
const WaitNode = memo(({ data, selected }: NodeProps<CardNodeOf<'wait'>>) => (
  <NodeCard data={data} selected={selected} />
));
const ConditionNode = memo(({ data, selected }: NodeProps<CardNodeOf<'condition'>>) => (
  <NodeCard data={data} selected={selected} />
));
const SplitNode = memo(({ data, selected }: NodeProps<CardNodeOf<'split'>>) => (
  <NodeCard data={data} selected={selected} />
));
const RandomSplitNode = memo(({ data, selected }: NodeProps<CardNodeOf<'random_split'>>) => (
  <NodeCard data={data} selected={selected} />
));
const EmailNode = memo(({ data, selected }: NodeProps<CardNodeOf<'email'>>) => (
  <NodeCard data={data} selected={selected} />
));
const WebhookNode = memo(({ data, selected }: NodeProps<CardNodeOf<'webhook'>>) => (
  <NodeCard data={data} selected={selected} />
));
const TrackNode = memo(({ data, selected }: NodeProps<CardNodeOf<'track'>>) => (
  <NodeCard data={data} selected={selected} />
));
const ExitNode = memo(({ data, selected }: NodeProps<CardNodeOf<'exit'>>) => (
  <NodeCard data={data} selected={selected} />
));

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
