/**
 * The contract suite on the Worker: workerd with local D1 (`@cloudflare/vitest-pool-workers`),
 * from the same wrangler.toml as `wrangler dev`. The catalog is read and validated here, in
 * Node, and handed to the setup file as a binding; migrations come from drizzle-kit's folder.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { readCatalog } from './src/adapters/catalog-folder.js'
import { bundleWidget } from './src/adapters/widget-bundle.js'

export default defineConfig(async () => {
  const { hash, result: parsed } = await readCatalog(new URL('./catalog', import.meta.url).pathname)
  if (!parsed.ok) throw new Error(`the catalog does not load: ${JSON.stringify(parsed.issues[0])}`)
  // The Worker serves /widget.js from its static assets, as after `npm run build:widget`.
  mkdirSync(new URL('./dist/assets/', import.meta.url), { recursive: true })
  writeFileSync(new URL('./dist/assets/widget.js', import.meta.url), (await bundleWidget()).js)
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // A database no migration ever ran on: the Worker must say so, not fail.
          d1Databases: ['EMPTY_DB'],
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations(
              new URL('./src/adapters/db/migrations', import.meta.url).pathname,
            ),
            TEST_CATALOG: JSON.stringify({ catalog: parsed.catalog, hash }),
          },
        },
      }),
    ],
    test: {
      name: 'workerd',
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['test/workers/setup.ts'],
      testTimeout: 30_000,
    },
  }
})
