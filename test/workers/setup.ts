import { applyD1Migrations, env } from 'cloudflare:test'
import { d1Store } from '../../src/adapters/db/d1.js'

// Setup files may run more than once: migrations apply only once, and a replacement is whole.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
const { catalog, hash } = JSON.parse(env.TEST_CATALOG)
await d1Store(env.DB).store.replace(catalog, hash)
