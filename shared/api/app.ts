import { z } from 'zod';
import { defineHandlers } from './define';

export const AppInfo = z.object({
  name: z.literal('DripAgent'),
  version: z.string(),
  /** Which shell answers: the desktop app or the headless host (`dripagent serve`). */
  host: z.enum(['electron', 'server']),
  dataDir: z.string(),
  /** ISO timestamp of when the engine started. */
  startedAt: z.string(),
  /** Whether this host catches test emails in a dev inbox (not on an engine of several, on PostgreSQL). */
  devInbox: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appApi = defineHandlers({
  'app.info': {
    request: z.object({}).strict().default({}),
    response: AppInfo,
  },
});
