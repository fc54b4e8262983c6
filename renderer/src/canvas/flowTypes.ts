import type { Node } from '@xyflow/react';
import type { NodeOutput } from '../../../shared/journey/outputs';
import type { NodeOf, NodeType } from '../../../shared/journey/schema';
import type { RoutedEdgeType } from './edges/RoutedEdge';

/** What a canvas card renders: the journey node itself plus its precomputed words. */
export type CardData<T extends NodeType = NodeType> = {
  node: NodeOf<T>;
  title: string;
  summary: string;
  /** Lines the card's size makes room for (see nodeSize.ts). */
  summaryLines: number;
  /** A second, quieter paragraph: a trigger's entry rules. */
  detail?: string;
  detailLines: number;
  outputs: NodeOutput[];
};

/** A React Flow node per journey node type; the React Flow `type` is the journey node type. */
export type CardNodeOf<T extends NodeType> = Node<CardData<T>, T>;
export type CardNode = { [T in NodeType]: CardNodeOf<T> }[NodeType];

export type JourneyEdge = RoutedEdgeType;
