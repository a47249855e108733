declare namespace Cloudflare {
  interface Env {
    DB: D1Database
    EMPTY_DB: D1Database
    ASSETS: Fetcher
    SAMPLE_DATA?: string
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    TEST_CATALOG: string
  }
}
