import './appsettings.css';
import '../ui/views.css';
import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';
import { When } from '../ui/When';
import { DomainCard } from './DomainCard';
import { EventsCard } from './EventsCard';
import { LimitsCard } from './LimitsCard';
import { MailCard } from './MailCard';
import { RateCard } from './RateCard';

/** App-wide settings: how events get in, how email gets out, and how much one person may get. */
export function AppSettingsView() {
  const store = useAppStoreApi();
  useEffect(() => store.getState().watchEngineStatus(), [store]);
  useEffect(() => store.getState().watchMailSettings(), [store]);
  return (
    <section className="view" aria-labelledby="app-settings-title" data-testid="app-settings">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="app-settings-title">
            Settings
          </h1>
          <p className="view__subtitle">
            Connect your product’s events, choose where emails go, and how many one person gets.
          </p>
        </div>
      </header>
      <div className="view__scroll">
        <div className="settings-page">
          <EngineSummary />
          <EventsCard />
          <MailCard />
          <DomainCard />
          <LimitsCard />
          <RateCard />
        </div>
      </div>
    </section>
  );
}

function EngineSummary() {
  const status = useAppStore((state) => state.engineStatus);
  if (!status) return null;
  const { counts } = status;
  const stats: { id: string; value: number; label: string; bad?: boolean }[] = [
    { id: 'events', value: counts.events, label: counts.events === 1 ? 'event received' : 'events received' },
    { id: 'people', value: counts.profiles, label: counts.profiles === 1 ? 'person' : 'people' },
    { id: 'sent', value: counts.sent, label: 'sent' },
    { id: 'pending', value: counts.pending, label: 'waiting to send' },
    { id: 'failed', value: counts.failed, label: 'failed', bad: counts.failed > 0 },
  ];
  return (
    <section className="engine-summary card" aria-label="So far" data-testid="engine-summary">
      {stats.map((stat) => (
        <div
          key={stat.id}
          className={`engine-summary__item${stat.bad ? ' engine-summary__item--bad' : ''}`}
          data-testid={`engine-count-${stat.id}`}
          data-value={stat.value}
        >
          <span className="engine-summary__value">{stat.value.toLocaleString()}</span>
          <span className="engine-summary__label">{stat.label}</span>
        </div>
      ))}
      <div className="engine-summary__item engine-summary__item--next">
        <span className="engine-summary__next">
          {status.nextWake === null ? 'Nothing scheduled' : <When at={status.nextWake} />}
        </span>
        <span className="engine-summary__label">next scheduled step</span>
      </div>
    </section>
  );
}
