import type { PlatformConfigInput } from './config.js'

/** What the parent sends a forked `server.ts` first. */
export type ParentMessage = { type: 'start'; config: PlatformConfigInput }

/**
 * What a forked `server.ts` sends: `listening` as soon as it can receive `start` (a message sent
 * before a child attaches its listener may be dropped, so a parent may send `start` again on
 * it; only the first is used), then ready with its URL, or an error (then it exits 1).
 */
export type ChildMessage =
  { type: 'listening' } | { type: 'ready'; url: string } | { type: 'error'; code: string; message: string }
