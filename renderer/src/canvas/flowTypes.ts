import type { Node } from '@xyflow/react';
import type { NodeOf, NodeType } from '../../../shared/journey/schema';
import type { CardContent } from '../model/cards';
import type { RoutedEdgeType } from './edges/RoutedEdge';

/** What a canvas card renders: the journey node, its words, and its problem counts. */
export type CardData<T extends NodeType = NodeType> = {
  node: NodeOf<T>;
  content: CardContent;
  errors: number;
  warnings: number;
  /** While a scenario is simulated: whether the user has been here, and when (see model/highlight.ts). */
  sim?: NodeSim;
  /** Outputs that lead nowhere yet: each offers a "+" to add the next step there. */
  free: readonly string[];
};

/** A card during a simulation: where the user is now, a place they passed, or one they never reached. */
export type NodeSim = { state: 'current' | 'visited'; label: string } | { state: 'unvisited'; label?: undefined };

/** A React Flow node per journey node type; the React Flow `type` is the journey node type. */
export type CardNodeOf<T extends NodeType> = Node<CardData<T>, T>;
export type CardNode = { [T in NodeType]: CardNodeOf<T> }[NodeType];

export type JourneyEdge = RoutedEdgeType;

/** The drag-and-drop type a palette item carries. */
export const PALETTE_MIME = 'application/x-dripagent-node';
