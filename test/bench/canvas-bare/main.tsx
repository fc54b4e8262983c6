import '@xyflow/react/dist/style.css';
import { type Edge, type Node, ReactFlow } from '@xyflow/react';
import { createRoot } from 'react-dom/client';

/**
 * The baseline of `npm run bench -- canvas`: React Flow with its default nodes, showing the same
 * journey (same positions, same edges) that the app opens, fetched the same way, nothing else.
 */
interface BenchJourney {
  nodes: { id: string; title?: string; position: { x: number; y: number } }[];
  edges: { id: string; from: string; to: string }[];
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');

const journey = (await (await fetch('./journey.json')).json()) as BenchJourney;
const nodes: Node[] = journey.nodes.map((node) => ({
  id: node.id,
  position: node.position,
  data: { label: node.title ?? node.id },
}));
const edges: Edge[] = journey.edges.map((edge) => ({ id: edge.id, source: edge.from, target: edge.to }));

createRoot(root).render(
  <div style={{ width: '100%', height: '100%' }}>
    <ReactFlow nodes={nodes} edges={edges} minZoom={0.15} />
  </div>,
);
