import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../../shared/api';
import { type AppSettingsSlice, createAppSettingsSlice } from './appSettingsSlice';
import { createDeliverabilitySlice, type DeliverabilitySlice } from './deliverabilitySlice';
import { createInboxSlice, type InboxSlice } from './inboxSlice';
import { createLiveSlice, type LiveSlice } from './liveSlice';
import { createMetricsSlice, type MetricsSlice } from './metricsSlice';
import { createNavSlice, type NavSlice } from './navSlice';
import { createPeopleSlice, type PeopleSlice } from './peopleSlice';
import type { AppState } from './types';

/** The places beyond the journey editor: navigation, live runs, people, the dev inbox, app settings, metrics, deliverability. */
export type ViewsState = NavSlice &
  LiveSlice &
  PeopleSlice &
  InboxSlice &
  AppSettingsSlice &
  MetricsSlice &
  DeliverabilitySlice;

export function createViewsState(api: ApiClient): StateCreator<AppState, [], [], ViewsState> {
  return (...a) => ({
    ...createNavSlice(...a),
    ...createLiveSlice(api)(...a),
    ...createPeopleSlice(api)(...a),
    ...createInboxSlice(api)(...a),
    ...createAppSettingsSlice(api)(...a),
    ...createMetricsSlice(api)(...a),
    ...createDeliverabilitySlice(api)(...a),
  });
}
