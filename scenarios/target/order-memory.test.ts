import { describe, expect, it } from 'vitest'
import { createOrderMemory } from './order-memory.js'

describe('createOrderMemory', () => {
  it('hands out each paid order once, oldest first', () => {
    const memory = createOrderMemory(4)
    memory.paid({ id: 'ord_a', amountMinor: 100 })
    memory.paid({ id: 'ord_b', amountMinor: 200 })
    expect(memory.takePaid()?.id).toBe('ord_a')
    expect(memory.takePaid()?.id).toBe('ord_b')
    expect(memory.takePaid()).toBeUndefined()
  })

  it('keeps only the last orders it was told of', () => {
    const memory = createOrderMemory(3)
    for (let i = 0; i < 10; i++) {
      memory.placed(`ord_${i}`)
      memory.paid({ id: `ord_${i}`, amountMinor: i })
    }
    const picked = new Set(Array.from({ length: 30 }, (_, i) => memory.pickPlaced(i)))
    expect([...picked].sort()).toEqual(['ord_7', 'ord_8', 'ord_9'])
    expect([memory.takePaid()?.id, memory.takePaid()?.id, memory.takePaid()?.id]).toEqual([
      'ord_7',
      'ord_8',
      'ord_9',
    ])
    expect(memory.takePaid()).toBeUndefined()
  })

  it('has nothing to pick before the first order', () => {
    expect(createOrderMemory().pickPlaced(5)).toBeUndefined()
  })
})
