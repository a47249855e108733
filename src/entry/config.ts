import { z } from 'zod'
import { LIMIT_DEFAULTS, SAMPLE_MODES } from '../core/catalog/constants.js'

/**
 * Sample records (invented demo data): `include` by default, because the shipped catalog is a
 * demo; a real deployment sets `exclude`, which hides them from search, progress and plan.
 */
const sampleData = z
  .enum(SAMPLE_MODES, {
    error: (issue) => `must be ${SAMPLE_MODES.join(' or ')}, not ${JSON.stringify(issue.input)}`,
  })
  .default('include')

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/recert.db'),
  /** The catalog folder; empty: none (the catalog comes only through the admin API). */
  CATALOG_DIR: z.string().default('./catalog'),
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
  /** Bearer token of the admin API (at least 16 characters); unset = no admin API. Never logged. */
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  /**
   * Trusted reverse-proxy hops: the client is the X-Forwarded-For entry this many from the right
   * (never the leftmost, which the client writes); 0 = the socket address. `true` means 1.
   */
  TRUST_PROXY: z
    .union([z.enum(['false', 'true']), z.coerce.number().int().min(0).max(10)])
    .default(0)
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : v)),
  /** Progress and plan requests per client per minute (0 = unlimited), and the burst allowed. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(LIMIT_DEFAULTS.perMinute),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(LIMIT_DEFAULTS.burst),
  /** Longest planning time; past it the best plan found is answered with `optimal: false`. */
  PLAN_TIME_LIMIT_MS: z.coerce.number().int().min(10).default(LIMIT_DEFAULTS.planMs),
  /** Largest request body (bytes); admin catalog uploads may be up to ADMIN_BODY_BYTES. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(LIMIT_DEFAULTS.bodyBytes),
  ADMIN_BODY_BYTES: z.coerce.number().int().min(1_024).default(LIMIT_DEFAULTS.adminBodyBytes),
  /** Most courses a catalog (folder or upload) may hold; more is refused before validation. */
  MAX_COURSES: z.coerce.number().int().min(1).default(200_000),
  /** Longest time a catalog (folder or upload) may take to parse and validate; then refused. */
  CATALOG_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** Longest time to receive a whole request, and its headers; slow clients are cut off. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(60_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(10_000),
  /** How long shutdown waits for requests in flight before it gives up on them. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  SAMPLE_DATA: sampleData,
})

/** The Worker's variables (wrangler.toml `[vars]`) that are not bindings. */
const workerConfigSchema = configSchema.pick({ SAMPLE_DATA: true })

export type Config = z.infer<typeof configSchema>

export type WorkerConfig = z.infer<typeof workerConfigSchema>

/** Parses the environment once, at the entry; nothing else reads `process.env`. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseWith(configSchema, env)
}

/** Parses the Worker's variables, with the same rules and messages as the Node server's. */
export function parseWorkerConfig(env: { SAMPLE_DATA?: string }): WorkerConfig {
  return parseWith(workerConfigSchema, env)
}

/** A configuration the server refuses to start with; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

function parseWith<T extends z.ZodType>(schema: T, env: object): z.infer<T> {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
