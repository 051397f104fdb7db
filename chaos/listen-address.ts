import type { AddressInfo } from 'node:net'

/** A host and port parsed from Toxiproxy's `host:port` notation. */
export interface HostPort {
  host: string
  port: number
}

/**
 * Parses `host:port`, `[v6]:port` or `:port` (all interfaces) as Go's net package does; `localhost`
 * becomes 127.0.0.1 so the answer shows the address really bound.
 * @returns undefined when the text is not an address
 */
export function parseHostPort(text: string): HostPort | undefined {
  const colon = text.lastIndexOf(':')
  if (colon < 0) return undefined
  let host = text.slice(0, colon)
  const portText = text.slice(colon + 1)
  if (!/^\d{1,5}$/.test(portText)) return undefined
  const port = Number(portText)
  if (port > 65535) return undefined
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
  else if (host.includes(':')) return undefined
  if (host === '') host = '0.0.0.0'
  if (host === 'localhost') host = '127.0.0.1'
  return { host, port }
}

/** Formats a bound address as `host:port` (`[v6]:port` for IPv6). */
export function formatAddress(address: AddressInfo): string {
  return address.family === 'IPv6'
    ? `[${address.address}]:${address.port}`
    : `${address.address}:${address.port}`
}

/** True when two `host:port` texts name the same address (`localhost:80` and `127.0.0.1:80`). */
export function sameAddress(a: string, b: string): boolean {
  const left = parseHostPort(a)
  const right = parseHostPort(b)
  if (left === undefined || right === undefined) return a === b
  return left.host === right.host && left.port === right.port
}
