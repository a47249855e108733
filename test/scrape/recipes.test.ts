/**
 * Adding a provider by configuration alone: one entry in providers.json and one recipe in
 * scrape-recipes.json, its pages served by a real HTTP server on loopback and crawled by the
 * polite fetcher (robots.txt, conditional GET) through the real `runScrape`.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Course } from '../../src/core/catalog/schemas.js'
import { parseRecipes } from '../../src/scrape/recipes.js'
import { runScrape } from '../../src/scrape/run.js'

const ROOT = new URL('../../', import.meta.url).pathname
const SITE = join(ROOT, 'test/fixtures/scrape/recipe-site')
const ROUTES: Record<string, string> = {
  '/courses': 'courses.html',
  '/course/infection-control': 'infection-control.html',
  '/course/hipaa-basics': 'hipaa-basics.html',
  '/course/hipaa-basics-spanish': 'hipaa-basics-spanish.html',
  '/workshops/ekg-lab': 'ekg-lab.html',
}

let server: Server
let base: string
let requested: string[] = []
/** Paths that answer 500 (a page that breaks). */
let broken = new Set<string>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    requested.push(path)
    const file = ROUTES[path]
    if (path === '/robots.txt') res.end('User-agent: *\nDisallow: /private\n')
    else if (broken.has(path)) res.writeHead(500).end('broken')
    else if (file)
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(SITE, file)))
    else res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())
beforeEach(() => {
  requested = []
  broken = new Set()
})

/** A catalog copy with the new provider and its recipe: configuration, no code. */
function catalogWithNewProvider(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-recipes-'))
  cpSync(join(ROOT, 'catalog'), dir, { recursive: true })
  const providers = JSON.parse(readFileSync(join(dir, 'providers.json'), 'utf8'))
  providers.push({
    id: 'sample-allied',
    name: 'Sample Allied Health Institute (sample data)',
    url: base,
    source: { confidence: 'sample' },
  })
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(providers, null, 2))
  const recipes = JSON.parse(readFileSync(join(dir, 'scrape-recipes.json'), 'utf8'))
  recipes.push({
    provider: 'sample-allied',
    start: [`${base}/courses`],
    follow: ['/course/[a-z-]+$', '/workshops/'],
    selectors: {
      title: '.workshop-title',
      description: '.summary',
      start: '.when',
      location: '.where',
      price: '.fee',
      hours: '.length',
    },
  })
  writeFileSync(join(dir, 'scrape-recipes.json'), JSON.stringify(recipes, null, 2))
  return dir
}

async function scrape(catalogDir: string) {
  const out: string[] = []
  const err: string[] = []
  const code = await runScrape({
    catalogDir,
    providers: ['sample-allied'],
    dryRun: false,
    allowRemovals: false,
    fetcher: { minIntervalMs: 0, retries: 0 },
    today: '2026-11-30',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const written = (dir: string): Course[] =>
  JSON.parse(readFileSync(join(dir, 'courses/sample-allied.json'), 'utf8'))

describe('a provider added through configuration alone', () => {
  it('is crawled from its start page through the links its recipe follows', async () => {
    const dir = catalogWithNewProvider()
    const r = await scrape(dir)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(requested.sort()).toEqual(['/robots.txt', ...Object.keys(ROUTES)].sort())
    const records = written(dir)
    expect(records.map((c) => c.id).sort()).toEqual([
      'sample-allied-ekg-lab-workshop',
      'sample-allied-hipaa-basics',
      'sample-allied-hipaa-basics-hipaa-basics-spanish',
      'sample-allied-ic-101',
    ])
    expect(records.find((c) => c.id === 'sample-allied-ic-101')).toEqual({
      id: 'sample-allied-ic-101',
      provider: 'sample-allied',
      title: 'Infection Control Refresher',
      description: 'Hand hygiene, PPE and sterilisation for the clinical medical assistant.',
      url: `${base}/course/infection-control`,
      format: 'online',
      hours: 2,
      credits: { clinical: 2 },
      approvals: ['AAMA'],
      price: 24,
      tags: [],
      source: {
        url: `${base}/course/infection-control`,
        fetchedAt: '2026-11-30',
        confidence: 'scraped',
      },
    })
    // Read by the recipe's CSS selectors: the page has no structured data.
    expect(records.find((c) => c.id === 'sample-allied-ekg-lab-workshop')).toMatchObject({
      format: 'workshop',
      hours: 3,
      price: 45,
      approvals: [],
      sessions: [{ start: '2027-04-17', location: 'Fargo, ND' }],
    })
    // Two courses with one title: both kept, the second renamed, and said so.
    expect(r.out).toContain(
      `renamed sample-allied-hipaa-basics: another record has this id; ${base}/course/hipaa-basics-spanish is now sample-allied-hipaa-basics-hipaa-basics-spanish`,
    )
  })

  it('keeps the records of a page that fails, without holding back the others', async () => {
    const dir = catalogWithNewProvider()
    await scrape(dir)
    const before = written(dir)
    broken = new Set(['/course/infection-control'])
    // The HIPAA page now states another description and price.
    ROUTES['/course/hipaa-basics'] = 'hipaa-basics-spanish.html'
    try {
      const r = await scrape(dir)
      expect(r.code).toBe(1)
      expect(r.err).toContain(`FAILED ${base}/course/infection-control: HTTP 500`)
      expect(r.out).toContain('~ sample-allied-hipaa-basics  (description, price)')
      const after = written(dir)
      expect(after.find((c) => c.id === 'sample-allied-ic-101')).toEqual(
        before.find((c) => c.id === 'sample-allied-ic-101'),
      )
      expect(after.find((c) => c.id === 'sample-allied-hipaa-basics')?.price).toBe(18)
    } finally {
      ROUTES['/course/hipaa-basics'] = 'hipaa-basics.html'
    }
  })

  it('refuses a recipe that does not validate, naming the field', () => {
    const bad = parseRecipes(
      JSON.stringify([{ provider: 'x', start: ['not a url'], follow: ['('], selectors: {} }]),
    )
    expect(bad.ok).toBe(false)
    const errors = bad.ok ? [] : bad.errors
    expect(errors.some((e) => e.includes('[0].start[0]'))).toBe(true)
    expect(
      errors.some((e) => e.includes('[0].follow[0]') && e.includes('regular expression')),
    ).toBe(true)
    expect(errors.some((e) => e.includes('[0].selectors.title'))).toBe(true)
  })

  it('validates the shipped recipes', () => {
    const shipped = parseRecipes(readFileSync(join(ROOT, 'catalog/scrape-recipes.json'), 'utf8'))
    expect(shipped).toMatchObject({ ok: true })
  })
})
