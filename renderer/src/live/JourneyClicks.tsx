import { useEffect } from 'react';
import type { JourneyNode } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { useAppStore, useAppStoreApi } from '../store/context';

const bare = (url: string) => url.replace(/^https?:\/\//, '');

/** Clicks per email and per link of a live journey; link scanners' fetches counted apart. */
export function JourneyClicks({ journeyId, nodes }: { journeyId: string; nodes: readonly JourneyNode[] }) {
  const store = useAppStoreApi();
  const data = useAppStore((state) => (state.journeyClicks?.journeyId === journeyId ? state.journeyClicks : null));
  useEffect(() => store.getState().watchJourneyClicks(journeyId), [store, journeyId]);
  const clicks = (data?.counts ?? []).filter((count) => count.kind === 'click');
  if (!data) return null;
  const byNode = new Map<string, typeof clicks>();
  for (const count of clicks) byNode.set(count.nodeId, [...(byNode.get(count.nodeId) ?? []), count]);
  const emails = nodes.filter((node) => node.type === 'email' && byNode.has(node.id));
  return (
    <section className="live-clicks" aria-label="Clicks per email" data-testid="journey-clicks">
      <strong className="live-clicks__title">Clicks per email</strong>
      {emails.length === 0 ? (
        <p className="panel-message">No clicks yet.</p>
      ) : (
        emails.map((node) => {
          const links = byNode.get(node.id) ?? [];
          const total = links.reduce((sum, link) => sum + link.clicks, 0);
          const scanned = links.reduce((sum, link) => sum + link.prefetches, 0);
          return (
            <div key={node.id} className="live-clicks__email" data-testid={`clicks-${node.id}`}>
              <p className="live-clicks__email-name">
                {nodeTitle(node)}: {total.toLocaleString()} {total === 1 ? 'click' : 'clicks'}
                {scanned > 0 && (
                  <span className="live-clicks__scanned"> · {scanned} by link scanners, not counted</span>
                )}
              </p>
              <ul className="live-clicks__links">
                {links.map((link) => (
                  <li key={link.link} title={link.link}>
                    <span className="live-clicks__link">{bare(link.link)}</span>
                    <span className="live-clicks__count">
                      {link.clicks} ({link.people} {link.people === 1 ? 'person' : 'people'})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })
      )}
    </section>
  );
}
