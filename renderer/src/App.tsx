import { useEffect } from 'react';
import { JourneyList } from './journeys/JourneyList';
import { JourneyView } from './journeys/JourneyView';
import { AppNav } from './nav/AppNav';
import { OtherView } from './nav/OtherView';
import { useAppStore, useAppStoreApi } from './store/context';
import { selectJourneyListLoad } from './store/selectors';

export function App() {
  const store = useAppStoreApi();
  const listStatus = useAppStore((state) => selectJourneyListLoad(state).status);
  const view = useAppStore((state) => state.view);

  useEffect(() => {
    void store.getState().loadJourneyList();
    void store.getState().loadHostInfo();
    void store.getState().loadCatalog();
    // The simulator uses the same cap across journeys as the live engine.
    void store.getState().loadSendingLimits();
    return store.getState().watchJourneyChanges();
  }, [store]);

  // Tests wait for this attribute instead of sleeping: the first journey list has arrived.
  useEffect(() => {
    if (listStatus === 'ready') document.documentElement.dataset.appReady = 'true';
  }, [listStatus]);

  return (
    <div className="app">
      <header className="top-bar">
        <span className="top-bar__logo">
          <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true">
            <path d="M12 2.5c3.2 4.2 6 7.9 6 11.2a6 6 0 0 1-12 0c0-3.3 2.8-7 6-11.2Z" />
          </svg>
        </span>
        <span className="top-bar__name">DripAgent</span>
        <span className="top-bar__tagline">Lifecycle journeys</span>
        <AppNav />
      </header>
      <div className="app__body">
        {view === 'journeys' ? (
          <>
            <aside className="sidebar">
              <JourneyList />
            </aside>
            <main className="app__main">
              <JourneyView />
            </main>
          </>
        ) : (
          <main className="app__main">
            <OtherView view={view} />
          </main>
        )}
      </div>
    </div>
  );
}
