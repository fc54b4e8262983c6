import type { ApiClient } from '../../../shared/api';
import type { InboxMessageView, InboxSummary } from '../../../shared/api/mail';
import { slice } from './slice';
import type { LoadState } from './types';

/** Which emails the inbox lists: words in the subject or recipient, one journey, one user ('' for any). */
export interface InboxFilter {
  search: string;
  journeyId: string;
  userId: string;
}

export const NO_INBOX_FILTER: InboxFilter = { search: '', journeyId: '', userId: '' };

export interface InboxSlice {
  inboxMessages: InboxSummary[];
  inboxFilter: InboxFilter;
  inboxTotal: number;
  inboxLoad: LoadState;
  inboxSelectedId: number | null;
  inboxMessage: InboxMessageView | null;
  inboxMessageLoad: LoadState;
  /** Fetches the newest messages; opens the newest one when none is open. */
  loadInbox(): Promise<void>;
  /** Changes the filter and lists again. */
  setInboxFilter(patch: Partial<InboxFilter>): Promise<void>;
  /** Loads the inbox now and again whenever an email lands or it is cleared; returns stop. */
  watchInbox(): () => void;
  openInboxMessage(id: number): Promise<void>;
  /** Deletes every message of the dev inbox. */
  clearInbox(): Promise<void>;
}

export function createInboxSlice(api: ApiClient) {
  return slice<InboxSlice>((set, get) => ({
    inboxMessages: [],
    inboxFilter: NO_INBOX_FILTER,
    inboxTotal: 0,
    inboxLoad: { status: 'idle' },
    inboxSelectedId: null,
    inboxMessage: null,
    inboxMessageLoad: { status: 'idle' },

    async loadInbox() {
      if (get().inboxLoad.status !== 'ready') set({ inboxLoad: { status: 'loading' } });
      const filter = get().inboxFilter;
      const result = await api.callResult('inbox.list', {
        limit: 200,
        ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
        ...(filter.journeyId ? { journeyId: filter.journeyId } : {}),
        ...(filter.userId.trim() ? { userId: filter.userId.trim() } : {}),
      });
      // A newer filter was set while this list was on its way: its own answer follows.
      if (get().inboxFilter !== filter) return;
      if (!result.ok) {
        set({ inboxLoad: { status: 'error', error: result.error.message } });
        return;
      }
      const { messages, total } = result.result;
      const unchanged =
        get().inboxTotal === total &&
        get().inboxMessages.length === messages.length &&
        get().inboxMessages.every((message, index) => message.id === messages[index]?.id);
      if (!unchanged || get().inboxLoad.status !== 'ready') {
        set({ inboxMessages: messages, inboxTotal: total, inboxLoad: { status: 'ready' } });
      }
      const selected = get().inboxSelectedId;
      const newest = messages[0];
      if (newest && (selected === null || !messages.some((message) => message.id === selected))) {
        void get().openInboxMessage(newest.id);
      }
      if (!newest && selected !== null) set({ inboxSelectedId: null, inboxMessage: null });
    },

    async setInboxFilter(patch) {
      set({ inboxFilter: { ...get().inboxFilter, ...patch } });
      await get().loadInbox();
    },

    watchInbox() {
      void get().loadInbox();
      return api.on('inbox.changed', () => void get().loadInbox());
    },

    async openInboxMessage(id) {
      if (get().inboxSelectedId === id && get().inboxMessage?.id === id) return;
      set({ inboxSelectedId: id, inboxMessageLoad: { status: 'loading' } });
      const result = await api.callResult('inbox.get', { id });
      if (get().inboxSelectedId !== id) return;
      if (result.ok) set({ inboxMessage: result.result, inboxMessageLoad: { status: 'ready' } });
      else set({ inboxMessage: null, inboxMessageLoad: { status: 'error', error: result.error.message } });
    },

    async clearInbox() {
      await api.call('inbox.clear');
      set({ inboxMessages: [], inboxTotal: 0, inboxSelectedId: null, inboxMessage: null });
      await get().loadInbox();
    },
  }));
}
