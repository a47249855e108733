import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
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

/**
 * The core folders and what each may import: catalog <- rules <- plan -> milp, catalog <- search.
 * The solver knows no courses: milp imports nothing of the domain. Files at the top of src/core
 * (the error type, the ports) sit beside the folders.
 */
const ALLOWED: Record<string, string[]> = {
  catalog: ['catalog', '.'],
  rules: ['catalog', 'rules', '.'],
  plan: ['catalog', 'rules', 'plan', 'milp', '.'],
  milp: ['milp'],
  search: ['catalog', 'search', '.'],
  '.': ['catalog', 'rules', 'plan', 'milp', 'search', '.'],
}

/** The core folder a file is in ('.' for the top of src/core), or null outside src/core. */
function folderOf(file: string): string | null {
  if (!file.startsWith(`${CORE}/`)) return null
  const parts = file.slice(CORE.length + 1).split('/')
  return parts.length === 1 ? '.' : (parts[0] as string)
}

function relativeImports(file: string, text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) =>
    join(dirname(file), m[1] as string),
  )
}

describe('src/core folders import in one direction', () => {
  const sources = files(CORE).map((file) => ({ file, text: readFileSync(file, 'utf8') }))

  it('has the five folders', () => {
    const folders = new Set(sources.map((s) => folderOf(s.file)))
    for (const folder of ['catalog', 'rules', 'plan', 'milp', 'search']) {
      expect(folders).toContain(folder)
    }
  })

  it.each(sources.map((s) => [s.file.slice(CORE.length + 1), s.file, s.text]))(
    '%s imports only the folders it may',
    (_name, file, text) => {
      const from = folderOf(file) as string
      const bad = relativeImports(file, text).filter((target) => {
        const to = folderOf(target)
        return to === null || !(ALLOWED[from] as string[]).includes(to)
      })
      expect(bad).toEqual([])
    },
  )

  it('the check itself catches a wrong-way import', () => {
    const file = join(CORE, 'milp', 'lp.ts')
    const [target] = relativeImports(file, "import { x } from '../plan/model.js'")
    expect(ALLOWED.milp).not.toContain(folderOf(target as string))
    expect(folderOf(join(CORE, 'errors.ts'))).toBe('.')
  })
})

describe('no file under src/ is longer than 400 lines', () => {
  const SRC = new URL('../../src', import.meta.url).pathname
  const all = files(SRC).map((file) => ({
    file: file.slice(SRC.length + 1),
    lines: readFileSync(file, 'utf8').split('\n').length - 1,
  }))

  it('has files to check', () => {
    expect(all.length).toBeGreaterThan(50)
  })

  it.each(all.map((f) => [f.file, f.lines]))('%s (%i lines)', (_file, lines) => {
    expect(lines).toBeLessThanOrEqual(400)
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
