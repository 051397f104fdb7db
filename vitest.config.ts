import { defineConfig } from 'vitest/config'

const shared = { testTimeout: 30_000, hookTimeout: 30_000 }

// Two groups, one after the other: the in-process tests first, then the game days that fork real
// processes and judge latency SLOs. Run together on two cores, the hundreds of simulator
// conformance tests took the CPU the game days' SLOs are measured with.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: ['node_modules/**', 'dist/**', 'scenarios/e2e/**', '**/*.e2e.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['scenarios/e2e/**/*.test.ts', '**/*.e2e.test.ts'],
          exclude: ['node_modules/**', 'dist/**'],
          globalSetup: ['scenarios/e2e/warm-template.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
