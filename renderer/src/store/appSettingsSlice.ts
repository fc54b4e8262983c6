import type { ApiClient, ApiRequest, ApiResponse, ApiResult } from '../../../shared/api';
import type { MailSettingsView } from '../../../shared/api/mail';
import { slice } from './slice';
import type { LoadState } from './types';

export type EngineStatus = ApiResponse<'engine.status'>;
export type SmtpTestResult = ApiResponse<'mail.settings.test'>;
export type SaveMailInput = ApiRequest<'mail.settings.save'>;
export type SendingLimits = ApiResponse<'engine.limits.get'>;
export type SmtpServerInput = NonNullable<NonNullable<ApiRequest<'mail.settings.test'>>['server']>;

export interface AppSettingsSlice {
  /** Whether this host has a dev inbox (an engine of several, on PostgreSQL, has none). */
  hostHasDevInbox: boolean;
  /** Asks the host what it offers (app.info). */
  loadHostInfo(): Promise<void>;
  engineStatus: EngineStatus | null;
  engineStatusLoad: LoadState;
  mailSettings: MailSettingsView | null;
  mailSettingsLoad: LoadState;
  sendingLimits: SendingLimits | null;
  loadEngineStatus(): Promise<void>;
  /** Loads the counts now and again whenever events, people, runs or deliveries change; returns stop. */
  watchEngineStatus(): () => void;
  loadSendingLimits(): Promise<void>;
  /** Saves the cap across journeys; a refusal comes back as data to show beside the form. */
  saveSendingLimits(globalCap: SendingLimits['globalCap']): Promise<ApiResult<SendingLimits>>;
  loadMailSettings(): Promise<void>;
  /** Loads the SMTP settings now and again whenever they are saved or cleared; returns stop. */
  watchMailSettings(): () => void;
  /** Saves and applies the SMTP server; refusals come back as data to show beside the form. */
  saveMailSettings(input: SaveMailInput): Promise<ApiResult<MailSettingsView>>;
  /** Connects and logs in to the given server (or the one in use) without sending anything. */
  testMailSettings(server?: SmtpServerInput): Promise<SmtpTestResult>;
  /** Forgets the SMTP server: mail goes to the dev inbox again (or waits, on a host without one). */
  switchToDevInbox(): Promise<ApiResult<MailSettingsView>>;
}

export function createAppSettingsSlice(api: ApiClient) {
  return slice<AppSettingsSlice>((set, get) => {
    const applied = (result: ApiResult<MailSettingsView>) => {
      if (result.ok) set({ mailSettings: result.result, mailSettingsLoad: { status: 'ready' } });
      return result;
    };
    return {
      hostHasDevInbox: true,
      async loadHostInfo() {
        const result = await api.callResult('app.info');
        if (result.ok) set({ hostHasDevInbox: result.result.devInbox });
      },
      engineStatus: null,
      engineStatusLoad: { status: 'idle' },
      mailSettings: null,
      mailSettingsLoad: { status: 'idle' },
      sendingLimits: null,

      async loadEngineStatus() {
        if (get().engineStatusLoad.status !== 'ready') set({ engineStatusLoad: { status: 'loading' } });
        const result = await api.callResult('engine.status');
        if (result.ok) set({ engineStatus: result.result, engineStatusLoad: { status: 'ready' } });
        else set({ engineStatusLoad: { status: 'error', error: result.error.message } });
      },

      watchEngineStatus() {
        const refresh = () => void get().loadEngineStatus();
        refresh();
        const stops = [api.on('people.changed', refresh), api.on('runs.changed', refresh)];
        return () => {
          for (const stop of stops) stop();
        };
      },

      async loadSendingLimits() {
        const result = await api.callResult('engine.limits.get');
        if (result.ok) set({ sendingLimits: result.result });
      },

      async saveSendingLimits(globalCap) {
        const result = await api.callResult('engine.limits.save', { globalCap });
        if (result.ok) set({ sendingLimits: result.result });
        return result;
      },

      async loadMailSettings() {
        if (get().mailSettingsLoad.status !== 'ready') set({ mailSettingsLoad: { status: 'loading' } });
        const result = await api.callResult('mail.settings.get');
        if (result.ok) set({ mailSettings: result.result, mailSettingsLoad: { status: 'ready' } });
        else set({ mailSettingsLoad: { status: 'error', error: result.error.message } });
      },

      watchMailSettings() {
        void get().loadMailSettings();
        return api.on('mail.settings.changed', () => void get().loadMailSettings());
      },

      async saveMailSettings(input) {
        return applied(await api.callResult('mail.settings.save', input));
      },

      async testMailSettings(server) {
        const result = await api.callResult('mail.settings.test', server ? { server } : {});
        return result.ok ? result.result : { ok: false, error: result.error.message };
      },

      async switchToDevInbox() {
        return applied(await api.callResult('mail.settings.clear'));
      },
    };
  });
}
