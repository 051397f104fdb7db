export { startPlatform, type RunningPlatform } from './start-platform.js'
export {
  resolvePlatformConfig,
  PlatformConfigError,
  type PlatformConfig,
  type PlatformConfigInput,
  type LogLevel,
} from './config.js'
export { SAFEGUARDS, type SafeguardName, type Safeguards } from './safeguards.js'
export { warmDatabaseTemplate } from './db/template.js'
export { buildApp } from './app.js'
export type { AppDeps } from './app-deps.js'
export type { ParentMessage, ChildMessage } from './ipc-messages.js'
export type { AdminOrder } from './admin/admin-orders.js'
export type { AdminInventoryItem } from './admin/admin-inventory.js'
export type { AdminWebhookEvent } from './admin/admin-webhooks.js'
export type { AdminPublishedEvent } from './admin/admin-events.js'
