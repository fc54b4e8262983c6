import type { ReactNode } from 'react';
import type { NodeType } from '../../../shared/journey/schema';

/** Commands: single paths on a 24-unit grid. */
const COMMANDS = {
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  layout: 'M4 4h6v5H4zM14 15h6v5h-6zM4 15h6v5H4zM7 9v6M10 17.5h4M17 9v6M14 6.5h3V9',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  pencil: 'M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4',
  close: 'M6 6l12 12M18 6 6 18',
  plus: 'M12 5v14M5 12h14',
  upload: 'M12 16V4M7 9l5-5 5 5M4 20h16',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  play: 'M7 4.5v15l12-7.5-12-7.5Z',
  pause: 'M8 5v14M16 5v14',
  stepForward: 'M6 5v14l9-7-9-7ZM18 5v14',
  stepBack: 'M18 5v14l-9-7 9-7ZM6 5v14',
  nextDecision: 'M4 6l7 6-7 6M13 6l7 6-7 6',
  previousDecision: 'M20 6l-7 6 7 6M11 6l-7 6 7 6',
  restart: 'M4 5v14M19 5 9 12l10 7V5Z',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  columns: 'M4 5h16v14H4zM9.5 5v14M15 5v14',
  event: 'M12 8v8M8 12h8',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2',
  download: 'M12 4v12M7 11l5 5 5-5M4 20h16',
} as const;

/** The playback triangles read better solid. */
const FILLED: ReadonlySet<IconName> = new Set(['play', 'stepForward', 'stepBack', 'restart']);

/** One glyph per node type (the palette, the insert menu, the inspector); a new type must add one. */
const NODE_GLYPHS: Record<NodeType, ReactNode> = {
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

export type IconName = keyof typeof COMMANDS | NodeType;

/**
 * The app's line icons: a 24-unit grid, a 2-unit round stroke in the current text colour (so the
 * button or card decides the colour), hidden from screen readers (the control carries the name).
 * @example <Icon name="undo" /> <Icon name="play" size={14} /> <Icon name={node.type} className="node-icon" />
 */
export function Icon({ name, size = 18, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill={FILLED.has(name) ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {name in NODE_GLYPHS ? NODE_GLYPHS[name as NodeType] : <path d={COMMANDS[name as keyof typeof COMMANDS]} />}
    </svg>
  );
}
