/** The simulator's line icons, drawn in the current text colour like the editor's. */
const PATHS = {
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
} as const;

export type SimIconName = keyof typeof PATHS;

export function SimIcon({ name, size = 16 }: { name: SimIconName; size?: number }) {
  const filled = name === 'play' || name === 'stepForward' || name === 'stepBack' || name === 'restart';
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
