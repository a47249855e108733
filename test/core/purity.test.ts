import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = new URL('../../src/core', import.meta.url).pathname
const FORBIDDEN =
  /^(hono|@hono\/|drizzle-orm|better-sqlite3|meilisearch|cheerio|highs|node:|fs$|path$|crypto$|http$|cloudflare:)/
const IMPURE_CALLS = /\b(Date\.now\(\)|new Date\(\)|Math\.random\(\)|fetch\(|process\.)/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

describe('src/core is pure', () => {
  const sources = files(CORE).map((file) => ({ file, text: readFileSync(file, 'utf8') }))

  it('has files to check', () => {
    expect(sources.length).toBeGreaterThan(5)
  })

  it.each(sources.map((s) => [s.file.slice(CORE.length + 1), s.text]))(
    '%s imports no I/O module',
    (_file, text) => {
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] as string,
      )
      const bad = imports.filter(
        (name) => FORBIDDEN.test(name) || (!name.startsWith('.') && name !== 'zod'),
      )
      expect(bad).toEqual([])
    },
  )

  it.each(sources.map((s) => [s.file.slice(CORE.length + 1), s.text]))(
    '%s reads no clock, randomness or environment',
    (_file, text) => {
      expect(text.match(IMPURE_CALLS)).toBeNull()
    },
  )

  it('the check itself catches an I/O import', () => {
    expect(FORBIDDEN.test('node:fs')).toBe(true)
    expect(FORBIDDEN.test('better-sqlite3')).toBe(true)
  })
})

/** Parsers of HTML and of structured data, schema.org's typings, and zod for recipes. */
const PARSER_PACKAGES = [
  'cheerio',
  'domhandler',
  'zod',
  'schema-dts',
  '@rdfjs/types',
  'rdf-data-factory',
  'rdfa-streaming-parser',
  'microdata-rdf-streaming-parser',
  'jsonld-streaming-parser',
]

describe('the scraper parsers are pure (HTML string in, records out)', () => {
  const SCRAPE = new URL('../../src/scrape', import.meta.url).pathname
  const parsers = files(SCRAPE)
    .filter((file) => !/\/(fetcher|run|pages)\.ts$/.test(file))
    .map((file) => ({ file: file.slice(SCRAPE.length + 1), text: readFileSync(file, 'utf8') }))

  it('has the parsers to check', () => {
    expect(parsers.map((p) => p.file)).toEqual(
      expect.arrayContaining([
        'normalize.ts',
        'structured/record.ts',
        'structured/graph.ts',
        'recipes.ts',
        'merge.ts',
        'providers/aama.ts',
      ]),
    )
  })

  it.each(parsers.map((p) => [p.file, p.text]))(
    '%s imports only cheerio and pure modules',
    (_f, text) => {
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] as string,
      )
      const bad = imports.filter(
        (name) =>
          !PARSER_PACKAGES.includes(name) &&
          (!name.startsWith('.') || /adapters|fetcher|run\.js/.test(name)),
      )
      expect(bad).toEqual([])
      expect(text.match(IMPURE_CALLS)).toBeNull()
    },
  )
})
