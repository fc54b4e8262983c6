import type { NodeType } from '../../../../shared/journey/schema';

/**
 * One simple line glyph per node type, drawn on a 24-unit grid with a 2-unit stroke in the
 * current text colour, so the card decides the colour.
 */
const GLYPHS: Record<NodeType, React.ReactNode> = {
  trigger: <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />,
  delay: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  wait: <path d="M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9" />,
  condition: (
    <>
      <path d="M12 3 21 12 12 21 3 12Z" />
      <path d="M10 10a2 2 0 1 1 3 1.7c-.7.4-1 .8-1 1.3M12 16v.01" />
    </>
  ),
  split: (
    <>
      <circle cx="6" cy="5" r="2" />
      <circle cx="6" cy="19" r="2" />
      <circle cx="18" cy="19" r="2" />
      <path d="M6 7v10M6 9c0 5 12 3 12 8" />
    </>
  ),
  random_split: (
    <path d="M3 7h3c4 0 8 10 12 10h3M3 17h3c1.6 0 3.2-1.6 4.6-3.6M13.4 9.6C14.8 8.1 16.4 7 18 7h3M18 4l3 3-3 3M18 14l3 3-3 3" />
  ),
  email: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </>
  ),
  webhook: (
    <path d="M10 14a4 4 0 0 0 5.7 0l3.5-3.5a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3.5 3.5a4 4 0 0 0 5.7 5.7l1-1" />
  ),
  track: <path d="M3 12h4l3-8 4 16 3-8h4" />,
  exit: <path d="M5 21V4M5 4h11l-2 4 2 4H5" />,
};

export function NodeIcon({ type }: { type: NodeType }) {
  return (
    <svg
      className="node-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {GLYPHS[type]}
    </svg>
  );
}
