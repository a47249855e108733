/** The real `scripts/scrape.ts` command, spawned: usage errors and saved pages without a manifest. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashCatalogFiles, readCatalogFolder } from '../../src/adapters/catalog-folder.js'

const ROOT = new URL('../../', import.meta.url).pathname

function scrape(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scrape.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CATALOG_DIR: '' },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const catalogCopy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-cli-'))
  cpSync(join(ROOT, 'catalog'), dir, { recursive: true })
  return dir
}

describe('npm run scrape on the command line', () => {
  it('--help prints the usage and exits 0', () => {
    const r = scrape('--help')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^usage: npm run scrape -- \[options\]/)
    for (const flag of ['--provider', '--dry-run', '--from', '--allow-removals', '--catalog'])
      expect(r.out).toContain(flag)
    expect(r.err).toBe('')
  })

  it.each([
    [['--bogus'], /^scrape: Unknown option '--bogus'/],
    [['--provider'], /^scrape: Option '--provider <value>' argument missing/],
    [['--from'], /^scrape: Option '--from <value>' argument missing/],
    [['--from', '/no/such/folder'], /^scrape: --from \/no\/such\/folder: no such folder/],
    [['--catalog', '/no/such/catalog'], /^scrape: --catalog \/no\/such\/catalog: no such folder/],
    [['--interval', 'soon'], /^scrape: --interval must be a whole number of milliseconds/],
    [['--provider', 'nope', '--dry-run'], /^scrape: unknown provider nope; known: aama, /],
    [['stray'], /^scrape: Unexpected argument 'stray'/],
  ])('%j is refused with one line and exit 2', (args, message) => {
    const r = scrape(...args)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    const lines = r.err.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
    expect(lines[0]).toMatch(/\(see --help\)$/)
    expect(r.err).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('reads plain saved pages without a manifest and reports a provider it does not know', async () => {
    const pages = mkdtempSync(join(tmpdir(), 'recert-plain-'))
    mkdirSync(join(pages, 'events'))
    const event = (name: string, date: string) => `<!doctype html><html><head>
      <link rel="canonical" href="https://storytime.example/events/${date}">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"EducationEvent",
        "name":"${name}","startDate":"${date}T16:00Z",
        "eventAttendanceMode":"https://schema.org/OnlineEventAttendanceMode",
        "location":{"@type":"VirtualLocation","url":"https://stream.storytime.example/"},
        "offers":{"@type":"Offer","price":"10","priceCurrency":"USD"},
        "organizer":{"@type":"Organization","name":"Story Time Health Educators","url":"https://storytime.example"}}
      </script></head><body><h1>${name}</h1></body></html>`
    writeFileSync(join(pages, 'events/may.html'), event('Patient Intake Essentials', '2027-05-04'))
    writeFileSync(join(pages, 'june.html'), event('Vital Signs Review', '2027-06-08'))
    writeFileSync(join(pages, 'notes.txt'), 'not a page')
    const catalog = catalogCopy()
    const before = hashCatalogFiles(await readCatalogFolder(catalog))
    const r = scrape('--from', pages, '--dry-run', '--catalog', catalog)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain(
      'review: new provider story-time-health-educators (Story Time Health Educators) is not in providers.json; its 2 record(s) are not written',
    )
    expect(r.out).toContain(
      '  + story-time-health-educators-patient-intake-essentials  Patient Intake Essentials',
    )
    expect(r.out).toContain(
      'to add it, put this in providers.json: {"id":"story-time-health-educators","name":"Story Time Health Educators","url":"https://storytime.example"}',
    )
    expect(r.out).toContain('2 pages (read from saved files); 0 providers merged, 1 new for review')
    expect(hashCatalogFiles(await readCatalogFolder(catalog))).toBe(before)
  })
})
