import './nav.css';
import type { ReactNode } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';
import type { AppView } from '../store/navSlice';

const ICONS: Record<AppView, ReactNode> = {
  journeys: (
    <path d="M6 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM18 15a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM9 6h6.5a3.5 3.5 0 0 1 0 7h-7a3.5 3.5 0 0 0 0 7H15" />
  ),
  metrics: <path d="M4 20V10M10 20V4M16 20v-7M21 20H3" />,
  events: <path d="M3 12h4l3-8 4 16 3-8h4" />,
  people: (
    <path d="M16 20v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 20v-1a4 4 0 0 0-3-3.9M16 4.1a3.5 3.5 0 0 1 0 6.8" />
  ),
  inbox: <path d="M3 13h5l1.5 3h5L16 13h5M5.5 5h13L21 13v6H3v-6l2.5-8Z" />,
  forecast: <path d="M3 20h18M6 16v-3M10 16V9M14 16v-5M18 16V6" />,
  suppressions: <path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM5.6 5.6l12.8 12.8" />,
  settings: (
    <path d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
  ),
};

const PLACES: { id: AppView; label: string }[] = [
  { id: 'journeys', label: 'Journeys' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'events', label: 'Events' },
  { id: 'people', label: 'People' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'forecast', label: 'Forecast' },
  { id: 'suppressions', label: 'Suppressions' },
  { id: 'settings', label: 'Settings' },
];

/** The top bar's places: journeys, metrics, event health, people, the dev inbox, the forecast, suppressions, and settings. */
export function AppNav() {
  const store = useAppStoreApi();
  const view = useAppStore((state) => state.view);
  // No dev inbox on an engine of several: no Inbox to open.
  const hasInbox = useAppStore((state) => state.hostHasDevInbox);
  return (
    <nav className="app-nav" aria-label="Main">
      {PLACES.filter((place) => place.id !== 'inbox' || hasInbox).map((place) => (
        <button
          key={place.id}
          type="button"
          className={`app-nav__item${view === place.id ? ' app-nav__item--on' : ''}`}
          aria-current={view === place.id ? 'page' : undefined}
          data-testid={`nav-${place.id}`}
          onClick={() => store.getState().setView(place.id)}
        >
          <svg
            viewBox="0 0 24 24"
            width="16"
            height="16"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
          >
            {ICONS[place.id]}
          </svg>
          {place.label}
        </button>
      ))}
    </nav>
  );
}
