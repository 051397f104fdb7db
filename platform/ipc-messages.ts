import type { PlatformConfigInput } from './config.js'

/** What the parent sends a forked `server.ts` first. */
export type ParentMessage = { type: 'start'; config: PlatformConfigInput }

/** What a forked `server.ts` answers: ready with its URL, or an error (then it exits 1). */
export type ChildMessage = { type: 'ready'; url: string } | { type: 'error'; code: string; message: string }
