import { configDefaults, defineConfig } from 'vitest/config'

/** Two projects: everything on Node, and the API contract again on workerd (`vitest.workers.config.ts`). */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/workers/**'],
          testTimeout: 20_000,
        },
      },
      './vitest.workers.config.ts',
    ],
  },
})
