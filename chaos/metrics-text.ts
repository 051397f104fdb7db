import type { TcpProxy } from './tcp-proxy.js'

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/**
 * Renders Toxiproxy's proxy byte counters in the Prometheus text format (version 0.0.4), with the
 * labels direction, listener, proxy and upstream.
 */
export function renderMetrics(proxies: readonly TcpProxy[]): string {
  const families = [
    ['toxiproxy_proxy_received_bytes_total', 'The total bytes received from the source', 'receivedBytes'],
    ['toxiproxy_proxy_sent_bytes_total', 'The total bytes sent to the destination', 'sentBytes'],
  ] as const
  const lines: string[] = []
  for (const [metric, help, field] of families) {
    lines.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} counter`)
    for (const proxy of proxies) {
      for (const direction of ['downstream', 'upstream'] as const) {
        const labels = [
          `direction="${direction}"`,
          `listener="${escapeLabel(proxy.listen)}"`,
          `proxy="${escapeLabel(proxy.name)}"`,
          `upstream="${escapeLabel(proxy.upstream)}"`,
        ].join(',')
        lines.push(`${metric}{${labels}} ${proxy.counters[direction][field]}`)
      }
    }
  }
  // Not in Toxiproxy: how many connections each proxy holds open, for dashboards and leak checks.
  lines.push(
    '# HELP gameday_proxy_open_connections Connections the proxy holds open',
    '# TYPE gameday_proxy_open_connections gauge',
  )
  for (const proxy of proxies) {
    lines.push(`gameday_proxy_open_connections{proxy="${escapeLabel(proxy.name)}"} ${proxy.openConnections}`)
  }
  return `${lines.join('\n')}\n`
}
