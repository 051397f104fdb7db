import { canadianPostalCode, stateOfZip, statePlaces } from './address-table.js'
import { textCases } from './avatax-enums.js'
import { jurisdictionsFor } from './jurisdictions.js'
import { invalid, optionalString, type ModelFault } from './model-fault.js'

const inputFields = ['line1', 'line2', 'line3', 'city', 'region', 'postalCode', 'country'] as const
type AddressInput = Partial<Record<(typeof inputFields)[number], string>>

/** An AvaTax `AvaTaxMessage` about an address that could not be resolved. */
interface AddressMessage {
  summary: string
  details: string
  refersTo: string
  severity: 'Error'
  source: string
}

const message = (summary: string, details: string, refersTo: string): AddressMessage => ({
  summary,
  details,
  refersTo,
  severity: 'Error',
  source: 'Avalara.AvaTax.Services.Address',
})

const titleCase = (text: string): string => text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase())

/**
 * Resolves an address (AvaTax's AddressValidationInfo → AddressResolutionModel) from the
 * simulator's own tables alone, so it is deterministic: US states of the jurisdiction table,
 * placed by ZIP prefix, and Canada by postal-code format. What it cannot place answers 200 with
 * `messages` (severity `Error`), as AvaTax does; a field of the wrong type is a fault.
 * @example resolveAddress({ line1: '1 Main St', city: 'Seattle', region: 'WA', postalCode: '98101' })
 */
export function resolveAddress(
  raw: Record<string, unknown>,
): { ok: true; model: Record<string, unknown> } | ModelFault {
  const input: AddressInput = {}
  for (const key of inputFields) {
    const checked = optionalString(raw[key], key)
    if (!checked.ok) return checked
    if (checked.value !== undefined && checked.value.trim() !== '') input[key] = checked.value.trim()
  }
  const textCase =
    raw.textCase === undefined || raw.textCase === null ? 'Upper' : textCases.parse(raw.textCase)
  if (textCase === undefined) return invalid('textCase', 'Upper or Mixed')
  const cased = (text: string): string => (textCase === 'Upper' ? text.toUpperCase() : titleCase(text))
  const echo = { ...input, ...(raw.textCase !== undefined ? { textCase } : {}) }
  const country = (input.country ?? 'US').toUpperCase()
  const unresolved = (m: AddressMessage) => ({
    ok: true as const,
    model: {
      address: echo,
      validatedAddresses: [{ addressType: 'UnknownAddressType', ...input, country }],
      resolutionQuality: 'NotCoded',
      messages: [m],
    },
  })
  const { line1, city, region, postalCode } = input
  if (!postalCode && !(line1 && city && region))
    return unresolved({
      ...message(
        'The address value was incomplete.',
        'The address value was incomplete: give a postal code, line1 + city + region, or line1 + postal code.',
        'Address',
      ),
      source: 'Avalara.AvaTax.Common',
    })
  let place: { region: string; postalCode: string; country: string; latitude: number; longitude: number }
  if (country === 'US' || country === 'USA') {
    const zipState = postalCode ? stateOfZip(postalCode) : undefined
    if (postalCode && !/^\d{5}(-\d{4})?$/.test(postalCode))
      return unresolved(
        message('The postal code is invalid.', `'${postalCode}' is not a US ZIP code.`, 'Address.PostalCode'),
      )
    const state = (region ?? zipState ?? '').toUpperCase()
    const known = statePlaces[state]
    if (!known)
      return unresolved(
        message(
          'The address is not deliverable.',
          region
            ? `Region '${region}' is not one the simulator can place (${Object.keys(statePlaces).join(', ')}).`
            : `Postal code '${postalCode}' is not in a region the simulator can place.`,
          region ? 'Address.Region' : 'Address.PostalCode',
        ),
      )
    if (postalCode && zipState !== state)
      return unresolved(
        message(
          'The address is not deliverable.',
          `Postal code '${postalCode}' is not in region '${state}'.`,
          'Address.PostalCode',
        ),
      )
    place = { region: state, postalCode: postalCode ?? known.defaultPostalCode, country: 'US', ...known }
  } else if (country === 'CA' || country === 'CAN') {
    if (postalCode && !canadianPostalCode.test(postalCode))
      return unresolved(
        message(
          'The postal code is invalid.',
          `'${postalCode}' is not a Canadian postal code.`,
          'Address.PostalCode',
        ),
      )
    const normal = postalCode?.toUpperCase().replace(/^(\w{3}) ?(\w{3})$/, '$1 $2') ?? 'K1A 0B1'
    place = {
      region: (region ?? 'ON').toUpperCase(),
      postalCode: normal,
      country: 'CA',
      latitude: 45.424721,
      longitude: -75.695,
    }
  } else
    return unresolved(
      message(
        'Address not geocoded.',
        `Address resolution covers US and Canadian addresses only (country '${country}').`,
        'Address.Country',
      ),
    )
  const coordinates = { latitude: place.latitude, longitude: place.longitude }
  return {
    ok: true,
    model: {
      address: echo,
      validatedAddresses: [
        {
          addressType: line1 ? 'StreetOrResidential' : 'UnknownAddressType',
          line1: line1 ? cased(line1) : '',
          line2: input.line2 ? cased(input.line2) : '',
          line3: input.line3 ? cased(input.line3) : '',
          city: city ? cased(city) : '',
          region: place.region,
          country: place.country,
          postalCode: place.postalCode,
          ...coordinates,
        },
      ],
      coordinates,
      resolutionQuality: line1 ? 'Intersection' : 'PostalCentroidGood',
      taxAuthorities: jurisdictionsFor({ country: place.country, region: place.region }).map((j, index) => ({
        avalaraId: String(100 + index),
        jurisdictionName: j.name,
        jurisdictionType: j.type,
        signatureCode: '',
      })),
    },
  }
}
