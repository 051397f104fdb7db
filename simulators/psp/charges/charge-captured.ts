import { openAftermath } from '../disputes/disputes.js'
import type { PspContext } from '../psp-context.js'
import type { ChargeRecord } from '../psp-records.js'
import type { OpInput } from '../wire/stripe-endpoint.js'
import type { TestCard } from '../payment-methods/test-payment-methods.js'

/**
 * What follows every capture, whichever endpoint made it (an intent's confirm or capture, a
 * charge's create or capture): the charge's balance transaction takes its place in the balance
 * history, a capture later than the charge is remembered (the transaction's `created`), and a
 * dispute test card opens its dispute or early fraud warning.
 */
export function chargeCaptured(ctx: PspContext, input: OpInput, charge: ChargeRecord): void {
  const at = Math.floor(input.nowMs / 1000)
  if (at !== charge.created) charge.extra = { ...charge.extra, capturedAt: at }
  ctx.state.balanceOrder.push(charge.id)
  const card: Partial<TestCard> = charge.card
  if (card.aftermath) openAftermath(ctx, input, charge, card.aftermath)
}
