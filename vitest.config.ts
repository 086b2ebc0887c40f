import { configDefaults, defineConfig } from 'vitest/config';

// One vitest run, five projects. `npm test` (scripts/run-tests.mjs) runs them all and prints
// the one summary line CI reads; `npm run test:<project>` runs one.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'tests/unit/components/**'],
          environment: 'node',
          // Never vitest's 5 s default: on a busy 2-core machine a 1 s test can take 6 s. Tests
          // prove speed by counting work (src-main/store/work-count.ts), never by a timeout.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The window's components in a DOM (jsdom) with Testing Library, on the typed fake of main
        // (tests/mocks/fake-main.ts): what a user sees and does, without a Chromium run.
        test: {
          name: 'components',
          include: ['tests/unit/components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/components/dom-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'interop',
          include: ['tests/interop/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 900_000,
          // One BentoML venv is shared; cases are independent homes but CPU is scarce (2 cores).
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
