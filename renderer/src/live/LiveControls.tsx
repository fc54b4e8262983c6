import '../ui/views.css';
import './live.css';
import { useEffect, useState } from 'react';
import type { JourneySummary } from '../../../shared/api';
import { useAppStore, useAppStoreApi } from '../store/context';
import { StatusBadge } from '../ui/StatusBadge';
import { LivePanel } from './LivePanel';

/**
 * The journey's state in the editor header. A published journey also shows how many people are
 * in it now (opening the live panel) and Pause / Resume.
 */
export function LiveControls({ summary }: { summary: JourneySummary }) {
  const store = useAppStoreApi();
  const published = summary.status !== 'draft';
  const journeyId = summary.id;
  const active = useAppStore((state) =>
    state.liveOverview?.journeyId === journeyId ? state.liveOverview.active : null,
  );
  const webhooks = useAppStore((state) =>
    state.liveOverview?.journeyId === journeyId ? state.liveOverview.webhooks : null,
  );
  const open = useAppStore((state) => state.livePanelOpen);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectedNode = useAppStore((state) => (state.selection.nodes.length === 1 ? state.selection.nodes[0] : null));

  // The counts follow the engine's pushes while a published journey is open.
  useEffect(
    () => (published ? store.getState().watchLiveOverview(journeyId) : undefined),
    [store, journeyId, published],
  );
  useEffect(() => {
    const state = store.getState();
    state.setLivePanelOpen(false);
    void state.showLiveNode(journeyId, null);
    setError(null);
  }, [store, journeyId]);

  // While the panel is open, clicking a step on the canvas lists the people there.
  useEffect(() => {
    if (open && selectedNode) void store.getState().showLiveNode(journeyId, selectedNode);
  }, [store, open, journeyId, selectedNode]);

  // Escape closes the panel.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && store.getState().setLivePanelOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, open]);

  if (!published) return <StatusBadge status={summary.status} />;

  const running = summary.status === 'live';
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.getState().setJourneyRunning(journeyId, !running);
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="live-controls" data-testid="live-controls" data-status={summary.status}>
      <span
        className={`live-state live-state--${summary.status}`}
        data-testid="live-state"
        title={
          running
            ? 'Live: people enter and move through this journey as events arrive.'
            : 'Paused: nobody enters, no timer fires and no email or webhook goes out until you resume. What people do meanwhile still counts, at the time they did it.'
        }
      >
        <span className="live-state__dot" aria-hidden="true" />
        {running ? 'Live' : 'Paused'}
      </span>
      <button
        type="button"
        className="live-people"
        aria-expanded={open}
        aria-controls="live-panel"
        data-testid="live-people"
        title="Who is in this journey now, and at which step"
        onClick={() => store.getState().setLivePanelOpen(!open)}
      >
        <svg
          viewBox="0 0 24 24"
          width="14"
          height="14"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M16 20v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z" />
        </svg>
        {active === null ? '…' : `${active.toLocaleString()} ${active === 1 ? 'person' : 'people'} in it`}
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="m4 6 4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      <button
        type="button"
        className="button button--small"
        data-testid={running ? 'pause-journey' : 'resume-journey'}
        disabled={busy}
        title={
          running
            ? 'Hold every email, webhook and timer until you resume'
            : 'Send what was held (unless it is now later than the max lateness) and carry on'
        }
        onClick={toggle}
      >
        {running ? 'Pause' : 'Resume'}
      </button>
      {webhooks && webhooks.retrying + webhooks.failed > 0 && <FailingWebhooks {...webhooks} />}
      {error && (
        <span className="live-controls__error" role="alert">
          {error}
        </span>
      )}
      {open && <LivePanel journeyId={journeyId} onClose={() => store.getState().setLivePanelOpen(false)} />}
    </div>
  );
}

/** Webhook calls of the journey that fail: how many, and the newest error on hover. People shows each one. */
function FailingWebhooks({
  retrying,
  failed,
  lastError,
}: {
  retrying: number;
  failed: number;
  lastError: string | null;
}) {
  const count = retrying + failed;
  const what = [retrying > 0 ? `${retrying} retrying` : '', failed > 0 ? `${failed} given up` : '']
    .filter(Boolean)
    .join(', ');
  return (
    <span
      className="pill pill--bad live-controls__webhooks"
      data-testid="failing-webhooks"
      data-count={count}
      title={`Webhook calls that failed (${what})${lastError ? `. Newest error: ${lastError}` : ''}. People shows each person's call and its error.`}
    >
      {count.toLocaleString()} {count === 1 ? 'webhook' : 'webhooks'} failing
    </span>
  );
}
