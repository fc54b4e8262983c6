import { lazy, Suspense } from 'react';
import type { AppView } from '../store/navSlice';

/** Each place loads when first visited: the editor's first paint does not pay for them. */
const MetricsView = lazy(() => import('../metrics/MetricsView').then((m) => ({ default: m.MetricsView })));
const EventsView = lazy(() => import('../events/EventsView').then((m) => ({ default: m.EventsView })));
const PeopleView = lazy(() => import('../people/PeopleView').then((m) => ({ default: m.PeopleView })));
const InboxView = lazy(() => import('../inbox/InboxView').then((m) => ({ default: m.InboxView })));
const SuppressionsView = lazy(() =>
  import('../suppressions/SuppressionsView').then((m) => ({ default: m.SuppressionsView })),
);
const ForecastView = lazy(() => import('../forecast/ForecastView').then((m) => ({ default: m.ForecastView })));
const AppSettingsView = lazy(() =>
  import('../appsettings/AppSettingsView').then((m) => ({ default: m.AppSettingsView })),
);

/** The place chosen in the top bar, other than the journey editor. */
export function OtherView({ view }: { view: Exclude<AppView, 'journeys'> }) {
  return (
    <Suspense fallback={<div className="app__placeholder">Loading…</div>}>
      {view === 'metrics' && <MetricsView />}
      {view === 'events' && <EventsView />}
      {view === 'people' && <PeopleView />}
      {view === 'inbox' && <InboxView />}
      {view === 'suppressions' && <SuppressionsView />}
      {view === 'forecast' && <ForecastView />}
      {view === 'settings' && <AppSettingsView />}
    </Suspense>
  );
}
