import { parseArgs } from 'node:util'
import { Toxiproxy, type ToxicType } from 'toxiproxy-node-client'
import { request } from 'undici'
import type { CommandIo } from './command-options.js'
import { EXIT } from '../../lib/exit-codes.js'

const USAGE = `gameday fault — inject and clear faults by hand (against \`gameday up\` or any Toxiproxy)

  gameday fault list                                   proxies and their toxics
  gameday fault add <proxy> <type> [--stream upstream|downstream] [--toxicity 0–1]
                    [--name NAME] [--attr KEY=NUMBER]…  e.g. add psp latency --attr latency=800 --attr jitter=100
  gameday fault remove <proxy> <toxic-name>
  gameday fault reset                                  remove every toxic, re-enable every proxy
  gameday fault vendor [psp|tax|fraud] <rule-json>     add a fault rule to a vendor simulator (default psp)
  gameday fault vendor [psp|tax|fraud] --clear         clear that simulator's fault rules

  --proxy URL   Toxiproxy API (default $TOXIPROXY_URL, else http://127.0.0.1:8474)
  --psp URL     PSP simulator (default http://127.0.0.1:12111)
  --tax URL     tax simulator (default http://127.0.0.1:12113)
  --fraud URL   fraud simulator (default http://127.0.0.1:12114)
`

const VENDORS = ['psp', 'tax', 'fraud'] as const
type Vendor = (typeof VENDORS)[number]
const isVendor = (word: string | undefined): word is Vendor => VENDORS.includes(word as Vendor)

const TOXIC_TYPES = [
  'latency',
  'bandwidth',
  'slow_close',
  'timeout',
  'reset_peer',
  'slicer',
  'limit_data',
  'noop',
]

/**
 * The named proxy; when there is none, an error that names the ones there are (the client's own
 * error says only "Request failed with status code 404").
 */
async function getProxy(toxiproxy: Toxiproxy, apiUrl: string, name: string) {
  try {
    return await toxiproxy.get(name)
  } catch (error) {
    const res = await request(`${apiUrl}/proxies`).catch(() => undefined)
    if (res?.statusCode !== 200) throw error
    const names = Object.keys((await res.body.json()) as Record<string, unknown>)
    throw new Error(`no proxy named "${name}" at ${apiUrl} (proxies: ${names.join(', ') || 'none'})`)
  }
}

/** `gameday fault …`: resolves the exit code (0 done, 2 bad input or the call failed). */
export async function runFaultCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        proxy: { type: 'string', default: process.env.TOXIPROXY_URL ?? 'http://127.0.0.1:8474' },
        psp: { type: 'string', default: 'http://127.0.0.1:12111' },
        tax: { type: 'string', default: 'http://127.0.0.1:12113' },
        fraud: { type: 'string', default: 'http://127.0.0.1:12114' },
        stream: { type: 'string', default: 'downstream' },
        toxicity: { type: 'string', default: '1' },
        name: { type: 'string' },
        attr: { type: 'string', multiple: true },
        clear: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    io.stderr.write(`gameday fault: ${(error as Error).message}\n${USAGE}`)
    return EXIT.NOT_RUN
  }
  const { values, positionals } = parsed
  const [verb, ...rest] = positionals
  if (values.help || !verb) {
    io.stdout.write(USAGE)
    return values.help ? EXIT.PASS : EXIT.NOT_RUN
  }
  const toxiproxy = new Toxiproxy(values.proxy)
  try {
    switch (verb) {
      case 'list': {
        // The client's Proxy objects carry no toxics: read the API's own listing.
        const res = await request(`${values.proxy}/proxies`)
        if (res.statusCode !== 200) throw new Error(`Toxiproxy answered HTTP ${res.statusCode}`)
        const proxies = (await res.body.json()) as Record<string, ProxyListing>
        for (const [name, proxy] of Object.entries(proxies)) {
          io.stdout.write(
            `${name}  ${proxy.listen} → ${proxy.upstream}${proxy.enabled ? '' : '  (disabled)'}\n`,
          )
          for (const t of proxy.toxics) {
            io.stdout.write(
              `  ${t.name}: ${t.type} ${t.stream} toxicity ${t.toxicity} ${JSON.stringify(t.attributes)}\n`,
            )
          }
        }
        return EXIT.PASS
      }
      case 'add': {
        const [proxyName, type] = rest
        if (!proxyName || !type) throw new UsageError('add needs <proxy> <type>')
        const attributes: Record<string, number> = {}
        for (const a of values.attr ?? []) {
          const m = /^([a-z_]+)=(-?\d+(\.\d+)?)$/.exec(a)
          if (!m) throw new UsageError(`--attr "${a}" must be KEY=NUMBER`)
          attributes[m[1] as string] = Number(m[2])
        }
        const toxicity = Number(values.toxicity)
        if (!(toxicity >= 0 && toxicity <= 1)) throw new UsageError('--toxicity must be in 0–1')
        if (!TOXIC_TYPES.includes(type)) {
          throw new UsageError(`unknown toxic type "${type}": one of ${TOXIC_TYPES.join(', ')}`)
        }
        const stream = values.stream.toLowerCase()
        if (stream !== 'upstream' && stream !== 'downstream') {
          throw new UsageError(`--stream "${values.stream}" must be upstream or downstream`)
        }
        const proxy = await getProxy(toxiproxy, values.proxy, proxyName)
        const toxic = await proxy.addToxic({
          type: type as ToxicType,
          stream: stream as 'upstream' | 'downstream',
          toxicity,
          attributes,
          // Toxiproxy's own default name, spelled out because the client's type requires one.
          name: values.name ?? `${type}_${stream}`,
        })
        io.stdout.write(`added ${toxic.name} (${toxic.type}, ${toxic.stream}) to ${proxyName}\n`)
        return EXIT.PASS
      }
      case 'remove': {
        const [proxyName, toxicName] = rest
        if (!proxyName || !toxicName) throw new UsageError('remove needs <proxy> <toxic-name>')
        const toxic = await (
          await getProxy(toxiproxy, values.proxy, proxyName)
        )
          .getToxic(toxicName)
          .catch(() => {
            throw new Error(`proxy ${proxyName} has no toxic named "${toxicName}" (see gameday fault list)`)
          })
        await toxic.remove()
        io.stdout.write(`removed ${toxicName} from ${proxyName}\n`)
        return EXIT.PASS
      }
      case 'reset':
        await toxiproxy.reset()
        io.stdout.write('every toxic removed, every proxy enabled\n')
        return EXIT.PASS
      case 'vendor': {
        // The vendor word is optional: before tax and fraud were on the checkout path it was the PSP's alone.
        const vendor: Vendor = isVendor(rest[0]) ? rest[0] : 'psp'
        const rule = isVendor(rest[0]) ? rest[1] : rest[0]
        if (!values.clear && !rule) throw new UsageError('vendor needs a rule (JSON) or --clear')
        const url = `${values[vendor]}/__admin/faults`
        const res = values.clear
          ? await request(url, { method: 'DELETE' })
          : await request(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: rule ?? '',
            })
        const text = await res.body.text()
        if (res.statusCode >= 300) throw new Error(`${vendor} answered HTTP ${res.statusCode}: ${text}`)
        io.stdout.write(`${text || 'cleared'}\n`)
        return EXIT.PASS
      }
      default:
        throw new UsageError(`unknown verb "${verb}"`)
    }
  } catch (error) {
    const e = error as Error
    io.stderr.write(`gameday fault: ${e.message}${e instanceof UsageError ? `\n${USAGE}` : ''}\n`)
    return EXIT.NOT_RUN
  }
}

class UsageError extends Error {}

interface ProxyListing {
  listen: string
  upstream: string
  enabled: boolean
  toxics: Array<{
    name: string
    type: string
    stream: string
    toxicity: number
    attributes: Record<string, number>
  }>
}
