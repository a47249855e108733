import { z } from 'zod'

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/recert.db'),
  CATALOG_DIR: z.string().min(1).default('./catalog'),
  /** How often the catalog folder's content hash is checked; 0 turns reloading off. */
  CATALOG_POLL_MS: z.coerce.number().int().min(0).default(2_000),
  /** Search on Meilisearch instead of SQLite FTS5 when set (fill it with `npm run search:sync`). */
  MEILISEARCH_URL: z.url().optional(),
  /** A search key (or the master key) for MEILISEARCH_URL; never logged. */
  MEILISEARCH_KEY: z.string().optional(),
  MEILISEARCH_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('courses'),
})

export type Config = z.infer<typeof configSchema>

/** Parses the environment once, at the entry; nothing else reads `process.env`. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
