/**
 * Where calls and pushes travel. Constants so the preload, the main process, the HTTP host and
 * the renderer cannot disagree on a string.
 */
export const IPC_CHANNELS = {
  /** `ipcRenderer.invoke(call, name, args)` → `ApiResult` */
  call: 'dripagent:api-call',
  /** `webContents.send(event, name, payload)` */
  event: 'dripagent:api-event',
} as const;

export const HTTP_PATHS = {
  /** `POST /api/<handler name>` with the JSON arguments as the body. */
  callPrefix: '/api/',
  /** `GET` server-sent events; each event's `event:` field is an `ApiEventName`. */
  events: '/api/events',
} as const;
