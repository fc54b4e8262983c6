import type { ApiClient, ApiRequest, ApiResponse, ApiResult } from '../../../shared/api';
import type { SuppressionItem } from '../../../shared/api/deliverability';
import { slice } from './slice';
import type { LoadState } from './types';

export type DomainStatus = ApiResponse<'mail.domain.get'>;
export type DomainCheckResult = ApiResponse<'mail.domain.check'>;
export type SendingRate = ApiResponse<'mail.rate.get'>;
export type SpamCheck = ApiResponse<'mail.spam.check'>;
export type RenderedForCheck = ApiRequest<'mail.spam.check'>;
export type TestSendResult = ApiResponse<'mail.test.send'>;
export type ClickCount = ApiResponse<'mail.clicks.journey'>['counts'][number];

export interface DeliverabilitySlice {
  suppressions: SuppressionItem[];
  suppressionsTotal: number;
  suppressionsQuery: string;
  suppressionsLoad: LoadState;
  /** Where Postmark posts bounces and complaints. */
  postmarkUrl: string | null;
  /** The sending domain, what it is checked against, and the last check (null until loaded). */
  domainStatus: DomainStatus | null;
  sendingRate: SendingRate | null;
  /** Clicks and opens per email step and link of the journey last asked for. */
  journeyClicks: { journeyId: string; counts: ClickCount[] } | null;
  /** Loads a journey's clicks now and again when people's data changes; returns stop. */
  watchJourneyClicks(journeyId: string): () => void;
  loadSuppressions(query?: string): Promise<void>;
  /** Loads the list now and again when a bounce or complaint comes in; returns stop. */
  watchSuppressions(): () => void;
  removeSuppression(address: string): Promise<ApiResult<{ removed: boolean }>>;
  exportSuppressions(): Promise<ApiResult<{ csv: string; count: number }>>;
  loadDomainStatus(): Promise<void>;
  checkDomain(input: ApiRequest<'mail.domain.check'>): Promise<ApiResult<DomainCheckResult>>;
  loadSendingRate(): Promise<void>;
  saveSendingRate(rate: SendingRate): Promise<ApiResult<SendingRate>>;
  /** SpamAssassin's score and the built-in checks of a rendered email (nothing is kept). */
  checkSpam(email: RenderedForCheck): Promise<ApiResult<SpamCheck>>;
  sendTestEmail(input: ApiRequest<'mail.test.send'>): Promise<ApiResult<TestSendResult>>;
}

export function createDeliverabilitySlice(api: ApiClient) {
  return slice<DeliverabilitySlice>((set, get) => ({
    suppressions: [],
    suppressionsTotal: 0,
    suppressionsQuery: '',
    suppressionsLoad: { status: 'idle' },
    postmarkUrl: null,
    domainStatus: null,
    sendingRate: null,
    journeyClicks: null,

    watchJourneyClicks(journeyId) {
      const load = async () => {
        const result = await api.callResult('mail.clicks.journey', { journeyId });
        if (result.ok) set({ journeyClicks: { journeyId, counts: result.result.counts } });
      };
      void load();
      return api.on('people.changed', () => void load());
    },

    async loadSuppressions(query = get().suppressionsQuery) {
      if (get().suppressionsLoad.status !== 'ready') set({ suppressionsLoad: { status: 'loading' } });
      set({ suppressionsQuery: query });
      const [list, hooks] = await Promise.all([
        api.callResult('mail.suppressions.list', { query, limit: 500 }),
        get().postmarkUrl === null ? api.callResult('mail.webhooks.get') : Promise.resolve(undefined),
      ]);
      if (hooks?.ok) set({ postmarkUrl: hooks.result.postmarkUrl });
      // A newer search may have started meanwhile: only its answer counts.
      if (get().suppressionsQuery !== query) return;
      if (list.ok) {
        set({
          suppressions: list.result.items,
          suppressionsTotal: list.result.total,
          suppressionsLoad: { status: 'ready' },
        });
      } else {
        set({ suppressionsLoad: { status: 'error', error: list.error.message } });
      }
    },

    watchSuppressions() {
      void get().loadSuppressions();
      return api.on('mail.suppressions.changed', () => void get().loadSuppressions());
    },

    async removeSuppression(address) {
      const result = await api.callResult('mail.suppressions.remove', { address });
      if (result.ok) await get().loadSuppressions();
      return result;
    },

    exportSuppressions: () => api.callResult('mail.suppressions.export'),

    async loadDomainStatus() {
      const result = await api.callResult('mail.domain.get');
      if (result.ok) set({ domainStatus: result.result });
    },

    async checkDomain(input) {
      const result = await api.callResult('mail.domain.check', input);
      if (result.ok) await get().loadDomainStatus();
      return result;
    },

    async loadSendingRate() {
      const result = await api.callResult('mail.rate.get');
      if (result.ok) set({ sendingRate: result.result });
    },

    async saveSendingRate(rate) {
      const result = await api.callResult('mail.rate.save', rate);
      if (result.ok) set({ sendingRate: result.result });
      return result;
    },

    checkSpam: (email) => api.callResult('mail.spam.check', email),
    sendTestEmail: (input) => api.callResult('mail.test.send', input),
  }));
}
