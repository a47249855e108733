/** `npm run scrape` end to end on a copy of the catalog and saved pages. */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashCatalogFiles, readCatalogFolder } from '../../src/adapters/catalog-folder.js'
import { parseCatalogFiles } from '../../src/core/catalog/document.js'
import { runScrape, type ScrapeOptions } from '../../src/scrape/run.js'

const ROOT = new URL('../../', import.meta.url).pathname
const FIXTURES = join(ROOT, 'test/fixtures/scrape/providers')

function catalogCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'recert-catalog-'))
  cpSync(join(ROOT, 'catalog'), dir, { recursive: true })
  return dir
}

const hashOf = async (dir: string) => hashCatalogFiles(await readCatalogFolder(dir))

async function scrape(options: Partial<ScrapeOptions> & { catalogDir: string }) {
  const out: string[] = []
  const err: string[] = []
  const code = await runScrape({
    providers: [],
    dryRun: false,
    allowRemovals: false,
    today: '2026-11-24',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    from: FIXTURES,
    ...options,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** A saved-pages folder with one ACE course list of `n` courses. */
function aceList(n: number, markupClass = 'course-item') {
  const dir = mkdtempSync(join(tmpdir(), 'recert-pages-'))
  mkdirSync(join(dir, 'ace'))
  const items = Array.from(
    { length: n },
    (
      _,
      i,
    ) => `<article class="${markupClass}"><h2 class="course-name"><a href="/c/${i}">Course number ${i}</a></h2>
      <p class="course-meta"><span class="area">Content area: Clinical</span> <span class="ceu">1 CEU</span></p></article>`,
  ).join('\n')
  writeFileSync(
    join(dir, 'ace/list.html'),
    `<main><p class="membership">All courses are AAMA-approved.</p><section>${items}</section></main>`,
  )
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      fetchedAt: '2026-11-21',
      sample: true,
      pages: [{ provider: 'ace', url: 'https://ace.example/courses', file: 'ace/list.html' }],
    }),
  )
  return dir
}

describe('npm run scrape', () => {
  it('--dry-run prints the diff and writes nothing', async () => {
    const dir = catalogCopy()
    const before = await hashOf(dir)
    const r = await scrape({ catalogDir: dir, dryRun: true })
    expect(r.code).toBe(0)
    expect(r.out).toContain('+ sample-relias-phlebotomy-basics  Phlebotomy Basics')
    expect(r.out).toContain('14 added, 0 changed, 0 removed; dry run: nothing written')
    expect(await hashOf(dir)).toBe(before)
  })

  it('writes sample-labelled records that load, atomically, and a second run changes nothing', async () => {
    const dir = catalogCopy()
    const r = await scrape({ catalogDir: dir })
    expect(r.code).toBe(0)
    expect(r.out).toContain('4 file(s) written')
    const files = await readCatalogFolder(dir)
    const loaded = parseCatalogFiles(files)
    expect(loaded.ok).toBe(true)
    const written = JSON.parse(readFileSync(join(dir, 'courses/sample-scrape-relias.json'), 'utf8'))
    expect(written[0].source).toMatchObject({
      url: expect.stringContaining('reliasacademy.com'),
      fetchedAt: '2026-11-20',
      confidence: 'sample',
    })
    expect(readdirSync(join(dir, 'courses')).filter((f) => f.endsWith('.tmp'))).toEqual([])
    const after = await hashOf(dir)
    const again = await scrape({ catalogDir: dir })
    expect(again.code).toBe(0)
    expect(again.out).toContain('0 added, 0 changed, 0 removed')
    expect(await hashOf(dir)).toBe(after)
  })

  it('reports a changed record with the fields that changed', async () => {
    const dir = catalogCopy()
    await scrape({ catalogDir: dir, providers: ['ace'], from: aceList(5) })
    const pages = aceList(5)
    const list = join(pages, 'ace/list.html')
    // The first course now carries 2 CEUs instead of 1.
    writeFileSync(
      list,
      readFileSync(list, 'utf8').replace(
        '<span class="ceu">1 CEU</span>',
        '<span class="ceu">2 CEUs</span>',
      ),
    )
    const r = await scrape({ catalogDir: dir, providers: ['ace'], from: pages })
    expect(r.out).toContain('~ sample-ace-course-number-0  (credits)')
  })

  it('warns about a page that yields nothing and keeps its records, byte for byte', async () => {
    const dir = catalogCopy()
    await scrape({ catalogDir: dir, providers: ['ace'], from: aceList(5) })
    const before = await hashOf(dir)
    const r = await scrape({ catalogDir: dir, providers: ['ace'], from: aceList(5, 'card') })
    expect(r.code).toBe(0)
    expect(r.err).toContain(
      'warning: ace/list.html: no courses found (its previous records are kept)',
    )
    expect(r.out).toContain('0 added, 0 changed, 0 removed')
    expect(await hashOf(dir)).toBe(before)
  })

  it('refuses a run that would remove 30% of a provider’s records, unless allowed', async () => {
    const dir = catalogCopy()
    expect((await scrape({ catalogDir: dir, providers: ['ace'], from: aceList(10) })).code).toBe(0)
    const before = await hashOf(dir)
    const refused = await scrape({ catalogDir: dir, providers: ['ace'], from: aceList(7) })
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('would remove 3 of 10 scraped records')
    expect(await hashOf(dir)).toBe(before)
    const allowed = await scrape({
      catalogDir: dir,
      providers: ['ace'],
      from: aceList(7),
      allowRemovals: true,
    })
    expect(allowed.code).toBe(0)
    expect(allowed.out).toContain('0 added, 0 changed, 3 removed')
    expect(
      JSON.parse(readFileSync(join(dir, 'courses/sample-scrape-ace.json'), 'utf8')),
    ).toHaveLength(7)
  })

  it('reads a known provider that has no recipe and no parser from its structured data', async () => {
    const dir = catalogCopy()
    const pages = mkdtempSync(join(tmpdir(), 'recert-pages-'))
    writeFileSync(
      join(pages, 'ce.html'),
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Course",
        "name":"Medication Safety","offers":{"@type":"Offer","price":"20","priceCurrency":"USD"}}</script>`,
    )
    writeFileSync(
      join(pages, 'manifest.json'),
      JSON.stringify({
        pages: [{ file: 'ce.html', provider: 'nha', url: 'https://nha.example/ce' }],
      }),
    )
    const r = await scrape({ catalogDir: dir, from: pages, dryRun: true })
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain('nha (courses/nha.json)\n  + nha-medication-safety  Medication Safety')
  })

  it('reports an unreachable site as unreachable and keeps the catalog as it was', async () => {
    const dir = catalogCopy()
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    writeFileSync(
      join(dir, 'scrape-recipes.json'),
      JSON.stringify([{ provider: 'nha', start: [`http://127.0.0.1:${port}/ce`] }]),
    )
    const before = await hashOf(dir)
    const r = await scrape({
      catalogDir: dir,
      from: undefined,
      fetcher: { minIntervalMs: 0, retries: 0 },
    })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      new RegExp(`FAILED http://127.0.0.1:${port}/ce: unreachable: .*ECONNREFUSED`),
    )
    expect(r.err).not.toContain('robots.txt')
    expect(r.out).toContain('0 disallowed by robots.txt, 1 unreachable')
    expect(await hashOf(dir)).toBe(before)
  })

  it('rejects an unknown provider as bad usage', async () => {
    await expect(scrape({ catalogDir: catalogCopy(), providers: ['nope'] })).rejects.toThrow(
      /unknown provider nope/,
    )
  })

  it('runs from the command line on the saved pages (the README command)', () => {
    const dir = catalogCopy()
    const r = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/scrape.ts',
        '--from',
        'test/fixtures/scrape/providers',
        '--dry-run',
        '--catalog',
        dir,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('aama (courses/sample-scrape-aama.json)')
    expect(r.stdout).toContain('dry run: nothing written')
    expect(
      execFileSync('git', ['status', '--porcelain', 'catalog'], { cwd: ROOT, encoding: 'utf8' }),
    ).toBe('')
  })
})
