export { startPlatform, type RunningPlatform } from './start-platform.js'
export {
  resolvePlatformConfig,
  PlatformConfigError,
  type PlatformConfig,
  type PlatformConfigInput,
  type LogLevel,
} from './config.js'
export {
  SAFEGUARDS,
  SAFEGUARD_INFO,
  IMPLEMENTED_SAFEGUARDS,
  isImplementedSafeguard,
  type SafeguardName,
  type ImplementedSafeguardName,
  type SafeguardInfo,
  type Safeguards,
} from './safeguards.js'
export { warmDatabaseTemplate } from './db/template.js'
export { buildApp } from './app.js'
export type { AppDeps } from './app-deps.js'
export type { ParentMessage, ChildMessage } from './ipc-messages.js'
export {
  AdminOrderSchema,
  AdminOrdersResponseSchema,
  AdminInventoryItemSchema,
  AdminInventoryResponseSchema,
  AdminWebhookEventSchema,
  AdminWebhooksResponseSchema,
  AdminPublishedEventSchema,
  AdminEventsResponseSchema,
  type AdminOrder,
  type AdminOrdersResponse,
  type AdminInventoryItem,
  type AdminInventoryResponse,
  type AdminWebhookEvent,
  type AdminWebhooksResponse,
  type AdminPublishedEvent,
  type AdminEventsResponse,
} from './admin/admin-schemas.js'
