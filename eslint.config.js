// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * One clock, one random source: time and entropy come in as parameters (lib/clock.ts,
 * lib/random.ts, lib/ids.ts), so a test drives time by hand and a seed replays a run.
 * Only the files below may read the machine's directly: lib/ itself, and the process edges
 * that pick a seed or build the system clock for the rest. Tests and benches are edges too.
 */
const MACHINE_TIME_AND_ENTROPY = [
  'lib/**',
  'cli.tsx',
  'bench/**',
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/testing/**',
  'scenarios/e2e/**',
  'vitest.config.ts',
  'esbuild.config.js',
]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: MACHINE_TIME_AND_ENTROPY,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take a Clock (lib/clock.ts) and call clock.now().' },
        { object: 'Math', property: 'random', message: 'Take a seeded Random (lib/random.ts).' },
        {
          object: 'performance',
          property: 'now',
          message: 'Take a Clock (lib/clock.ts) and call clock.monotonic().',
        },
        {
          object: 'crypto',
          property: 'randomBytes',
          message: 'Seeded ids: lib/ids.ts; entropy: lib/random.ts.',
        },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'Seeded ids: lib/ids.ts; entropy: lib/random.ts.',
        },
        { object: 'crypto', property: 'randomInt', message: 'Take a seeded Random (lib/random.ts).' },
        { object: 'crypto', property: 'getRandomValues', message: 'Take a seeded Random (lib/random.ts).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'new Date() reads the machine clock: take a Clock (lib/clock.ts) and write new Date(clock.now()).',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:crypto',
              importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues'],
              message: 'Seeded ids: lib/ids.ts; entropy: lib/random.ts.',
            },
            {
              name: 'crypto',
              importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues'],
              message: 'Seeded ids: lib/ids.ts; entropy: lib/random.ts.',
            },
            {
              name: 'node:perf_hooks',
              importNames: ['performance'],
              message: 'Take a Clock (lib/clock.ts) and call clock.monotonic().',
            },
          ],
        },
      ],
    },
  },
)
