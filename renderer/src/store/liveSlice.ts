import type { ApiClient, ApiResponse } from '../../../shared/api';
import { slice } from './slice';
import type { LoadState } from './types';

/** How many people are in a published journey right now, by step. */
export interface LiveOverview {
  journeyId: string;
  /** People waiting at each step (steps with nobody are absent). */
  atNode: Record<string, number>;
  active: number;
  done: number;
  /** Webhook calls of this journey still retrying after a failure, or given up, and the newest error. */
  webhooks: { retrying: number; failed: number; lastError: string | null };
}

export type PersonAtNode = ApiResponse<'runs.usersAt'>['users'][number];

export interface LiveSlice {
  liveOverview: LiveOverview | null;
  /** The step whose people the live panel lists, or null when it lists every step. */
  liveNodeId: string | null;
  livePeople: { journeyId: string; nodeId: string; people: PersonAtNode[] } | null;
  livePeopleLoad: LoadState;
  loadLiveOverview(journeyId: string): Promise<void>;
  /** Loads the counts now and again whenever the engine says people moved in this journey; returns stop. */
  watchLiveOverview(journeyId: string): () => void;
  /** Lists the people at a step (null: back to the step counts). */
  showLiveNode(journeyId: string, nodeId: string | null): Promise<void>;
  /** Pauses (`false`) or resumes (`true`) a published journey; throws with the engine's reason. */
  setJourneyRunning(journeyId: string, running: boolean): Promise<void>;
}

export function createLiveSlice(api: ApiClient) {
  return slice<LiveSlice>((set, get) => ({
    liveOverview: null,
    liveNodeId: null,
    livePeople: null,
    livePeopleLoad: { status: 'idle' },
    async loadLiveOverview(journeyId) {
      const result = await api.callResult('runs.overview', { journeyId });
      // A missed refresh only costs freshness: the next push tries again.
      if (!result.ok) return;
      const atNode: Record<string, number> = {};
      for (const row of result.result.nodes) if (row.active > 0) atNode[row.nodeId] = row.active;
      const previous = get().liveOverview;
      const { active, done, webhooks } = result.result;
      const next = { journeyId, atNode, active, done, webhooks };
      if (previous && sameOverview(previous, next)) return;
      set({ liveOverview: next });
      const nodeId = get().liveNodeId;
      if (nodeId && get().livePeople?.journeyId === journeyId) void get().showLiveNode(journeyId, nodeId);
    },

    watchLiveOverview(journeyId) {
      void get().loadLiveOverview(journeyId);
      return api.on('runs.changed', ({ journeyIds, more }) => {
        if (more || journeyIds.includes(journeyId)) void get().loadLiveOverview(journeyId);
      });
    },

    async showLiveNode(journeyId, nodeId) {
      set({ liveNodeId: nodeId });
      if (nodeId === null) {
        set({ livePeople: null, livePeopleLoad: { status: 'idle' } });
        return;
      }
      if (get().livePeople?.nodeId !== nodeId) set({ livePeopleLoad: { status: 'loading' } });
      const result = await api.callResult('runs.usersAt', { journeyId, nodeId, limit: 200 });
      if (get().liveNodeId !== nodeId) return;
      if (result.ok) {
        set({ livePeople: { journeyId, nodeId, people: result.result.users }, livePeopleLoad: { status: 'ready' } });
      } else {
        set({ livePeopleLoad: { status: 'error', error: result.error.message } });
      }
    },

    async setJourneyRunning(journeyId, running) {
      if (running) await api.call('journey.resume', { id: journeyId });
      else await api.call('journey.pause', { id: journeyId });
      const row = get().journeyList.find((summary) => summary.id === journeyId);
      if (row) get().storeSummary({ ...row, status: running ? 'live' : 'paused' });
      await get().loadLiveOverview(journeyId);
    },
  }));
}

function sameOverview(a: LiveOverview, b: LiveOverview): boolean {
  if (a.journeyId !== b.journeyId || a.active !== b.active || a.done !== b.done) return false;
  if (JSON.stringify(a.webhooks) !== JSON.stringify(b.webhooks)) return false;
  const keys = Object.keys(a.atNode);
  return keys.length === Object.keys(b.atNode).length && keys.every((key) => a.atNode[key] === b.atNode[key]);
}
