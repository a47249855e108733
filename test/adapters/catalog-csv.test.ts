/** Courses as CSV: import (good rows, bad rows, quoting, BOM, CRLF), export, round trip. */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { coursesToCsv, mergeCoursesCsv } from '../../src/adapters/catalog-csv.js'
import { exportCsv, runCsvImport } from '../../src/adapters/catalog-csv-run.js'
import { readCatalogFolder } from '../../src/adapters/catalog-folder.js'
import { CATALOG_DIR, makeTestApp, shippedCatalog } from '../helpers/app.js'

const ROOT = new URL('../../', import.meta.url).pathname
const HEADER =
  'id,provider,title,url,format,hours,administrative,clinical,general,approvals,price,sessions,source-url,fetched-at,confidence'
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function copyOfCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-csv-'))
  dirs.push(dir)
  cpSync(CATALOG_DIR, join(dir, 'catalog'), { recursive: true })
  return join(dir, 'catalog')
}

describe('mergeCoursesCsv', () => {
  it('adds and updates courses from good rows, keeping the fields the CSV has no column for', async () => {
    const catalog = await shippedCatalog()
    const old = catalog.courses.find((c) => c.id === 'ace-ma-cardiology')
    expect(old?.description).toBeTruthy()
    const csv = [
      HEADER,
      // Quoted fields: a comma, a doubled quote and a line break inside one cell.
      'ace-ma-cardiology,ace,"The Role of Medical Assistants in Cardiology, ""2nd"" edition",,online,2,,2,,AAMA;AMT,15,,https://www.annalsofce.com/,2026-11-20,official',
      'cma01,continuingeducation-com,"Pharmacology for Medical Assistants\nCMA01",https://www.continuingeducation.com/,online,3,,3,,AAMA until 2019-08-29,$24.99,"2027-03-14/2027-03-15 Columbus, OH;2027-05-01",https://www.continuingeducation.com/,2026-11-20,scraped',
    ].join('\n')
    const result = mergeCoursesCsv(catalog, csv)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result).toMatchObject({
      added: ['cma01'],
      changed: ['ace-ma-cardiology'],
      removed: [],
    })
    const changed = result.catalog.courses.find((c) => c.id === 'ace-ma-cardiology')
    expect(changed).toMatchObject({
      title: 'The Role of Medical Assistants in Cardiology, "2nd" edition',
      credits: { clinical: 2 },
      approvals: ['AAMA', 'AMT'],
      price: 15,
      description: old?.description,
      tags: old?.tags,
      source: {
        url: 'https://www.annalsofce.com/',
        fetchedAt: '2026-11-20',
        confidence: 'official',
      },
    })
    expect(result.catalog.courses.at(-1)).toMatchObject({
      id: 'cma01',
      title: 'Pharmacology for Medical Assistants\nCMA01',
      approvals: ['AAMA'],
      approvalsUntil: { AAMA: '2019-08-29' },
      price: 24.99,
      sessions: [
        { start: '2027-03-14', end: '2027-03-15', location: 'Columbus, OH' },
        { start: '2027-05-01' },
      ],
    })
    expect(result.catalog.courses).toHaveLength(catalog.courses.length + 1)
  })

  it('reads a UTF-8 byte-order mark and Windows line ends', async () => {
    const catalog = await shippedCatalog()
    const csv = `\uFEFF${HEADER}\r\nnew-one,ace,Café hygiène,,online,1,1,,,AAMA,5,,,,official\r\n`
    const result = mergeCoursesCsv(catalog, csv)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.added).toEqual(['new-one'])
    const course = result.catalog.courses.find((c) => c.id === 'new-one')
    expect(course).toMatchObject({ title: 'Café hygiène', credits: { administrative: 1 } })
  })

  it('lists every bad row with its row and column, and changes nothing', async () => {
    const catalog = await shippedCatalog()
    const csv = [
      HEADER,
      'ok-row,ace,Fine,,online,1,,1,,AAMA,5,,,,official',
      'bad-price,ace,Price,,online,1,,1,,AAMA,abc,,,,official',
      'bad-format,ace,Format,,zoom,1,,1,,AAMA,5,,,,official',
      'bad-approval,ace,Approval,,online,1,,1,,AAMA;XYZ,5,,,,official',
      'bad-date,ace,Date,,online,1,,1,,AAMA,5,,,2026-02-30,official',
      'bad-provider,nobody,Provider,,online,1,,1,,AAMA,5,,,,official',
      'no-confidence,ace,Confidence,,online,1,,1,,AAMA,5,,,,',
      'ok-row,ace,Repeated,,online,1,,1,,AAMA,5,,,,official',
      'Bad Id,ace,Id,,online,1,,1,,AAMA,5,,,,official',
    ].join('\n')
    const result = mergeCoursesCsv(catalog, csv)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'price'],
      [4, 'format'],
      [5, 'approvals'],
      [6, 'fetched-at'],
      [7, 'provider'],
      [8, 'confidence'],
      [9, 'id'],
      [10, 'id'],
    ])
    expect(result.errors[0]?.message).toContain('"abc" is not a number')
  })

  it('refuses a header without the required columns or with an unknown one', async () => {
    const catalog = await shippedCatalog()
    const result = mergeCoursesCsv(catalog, 'id,provider,title,prize\nx,ace,X,5\n')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((e) => `${e.row}:${e.column}`)).toEqual([
      '1:prize',
      '1:format',
      '1:hours',
      '1:administrative',
      '1:clinical',
      '1:general',
      '1:approvals',
      '1:price',
    ])
  })

  it("with a provider, takes the rows as that provider's whole list", async () => {
    const catalog = await shippedCatalog()
    const ace = catalog.courses.filter((c) => c.provider === 'ace')
    const kept = ace.slice(0, 2)
    const csv = coursesToCsv(kept).replaceAll(',ace,', ',,')
    const result = mergeCoursesCsv(catalog, csv, { provider: 'ace' })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.removed).toEqual(ace.slice(2).map((c) => c.id))
    expect(result.changed).toEqual([])
  })
})

describe('round trip', () => {
  it('export then import leaves every catalog file byte-identical', async () => {
    const dir = copyOfCatalog()
    const before = await readCatalogFolder(dir)
    const csvPath = join(dir, '..', 'all.csv')
    writeFileSync(csvPath, await exportCsv(dir))
    const out: string[] = []
    const code = await runCsvImport({
      catalogDir: dir,
      file: csvPath,
      dryRun: false,
      force: false,
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    })
    expect(code).toBe(0)
    expect(out.at(-1)).toBe('0 added, 0 changed, 0 removed; 0 file(s) written')
    expect(await readCatalogFolder(dir)).toEqual(before)
    // And the export itself is stable.
    expect(await exportCsv(dir)).toBe(readFileSync(csvPath, 'utf8'))
  })

  it('an edited cell changes that course only, through the real command', async () => {
    const dir = copyOfCatalog()
    const csv = (await exportCsv(dir)).replace(
      /^(ace-ma-cardiology,ace,[^\r]*,)[a-z]+\r$/m,
      '$1secondary\r',
    )
    const csvPath = join(dir, '..', 'edited.csv')
    writeFileSync(csvPath, csv)
    const run = promisify(execFile)
    const dry = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-import.ts', csvPath, '--catalog', dir, '--dry-run'],
      { cwd: ROOT },
    )
    expect(dry.stdout).toContain('~ ace-ma-cardiology')
    expect(dry.stdout).toContain('0 added, 1 changed, 0 removed; dry run: nothing written')
    const real = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-import.ts', csvPath, '--catalog', dir],
      { cwd: ROOT },
    )
    expect(real.stdout).toContain('1 file(s) written: courses/ace.json')
    const ace = JSON.parse(readFileSync(join(dir, 'courses/ace.json'), 'utf8'))
    expect(ace.find((c: { id: string }) => c.id === 'ace-ma-cardiology').source.confidence).toBe(
      'secondary',
    )
    const bad = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-import.ts', csvPath, '--nope'],
      { cwd: ROOT },
    ).catch((e: { code: number; stderr: string }) => e)
    expect(bad).toMatchObject({ code: 2 })
  }, 60_000)

  it("the README's example file: row 3's bad cell named, nothing written; once fixed, two courses added", async () => {
    const dir = copyOfCatalog()
    const before = await readCatalogFolder(dir)
    const example = join(ROOT, 'docs/examples/new-courses.csv')
    const run = promisify(execFile)
    const bad = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-import.ts', example, '--catalog', dir],
      { cwd: ROOT },
    ).catch((e: { code: number; stderr: string }) => e)
    expect(bad).toMatchObject({ code: 1 })
    expect((bad as { stderr: string }).stderr).toBe(
      `${example}: row 3, column hours: "one" is not a number (use a dot for decimals)\nnothing written: 1 error(s)\n`,
    )
    expect(await readCatalogFolder(dir)).toEqual(before)
    const fixed = join(dir, '..', 'new-courses.csv')
    writeFileSync(fixed, readFileSync(example, 'utf8').replace(',online,one,', ',online,1,'))
    const dry = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-import.ts', fixed, '--catalog', dir, '--dry-run'],
      { cwd: ROOT },
    )
    expect(dry.stdout).toBe(
      '  + sample-wound-care-basics  Wound Care Basics, Part 1\n  + sample-coding-update  Coding Update\n2 added, 0 changed, 0 removed; dry run: nothing written\n',
    )
    expect(await readCatalogFolder(dir)).toEqual(before)
  }, 60_000)

  it('both commands answer --help and -h with their usage and exit 0; a bad option or an unknown provider exits 2', async () => {
    const run = promisify(execFile)
    for (const script of ['scripts/catalog-export.ts', 'scripts/catalog-import.ts']) {
      const help = await run(process.execPath, ['--import', 'tsx', script, '--help'], {
        cwd: ROOT,
      })
      expect(help.stdout).toMatch(/^usage: npm run catalog:(export|import) -- /)
      const bad = await run(process.execPath, ['--import', 'tsx', script, '--nope'], {
        cwd: ROOT,
      }).catch((e: { code: number; stderr: string }) => e)
      expect(bad).toMatchObject({ code: 2 })
      expect((bad as { stderr: string }).stderr).toContain('usage: npm run catalog:')
      const short = await run(process.execPath, ['--import', 'tsx', script, '-h'], { cwd: ROOT })
      expect(short.stdout).toBe(help.stdout)
    }
    // A provider the catalog does not have: exit 2 and say so, not an empty export.
    const unknown = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/catalog-export.ts', '--provider', 'nosuch'],
      { cwd: ROOT },
    ).catch((e: { code: number; stderr: string; stdout: string }) => e)
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect((unknown as { stderr: string }).stderr).toMatch(/no provider "nosuch" in the catalog/)
  }, 60_000)
})

describe('CSV over the admin API', () => {
  const TOKEN = 'csv-test-token-0123456789'
  const headers = (type: string) => ({ authorization: `Bearer ${TOKEN}`, 'content-type': type })

  it('exports, takes the export back unchanged, and lists bad rows by row and column', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const exported = await t.app.request('/v1/admin/catalog.csv', { headers: headers('text/csv') })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toContain('text/csv')
    const csv = await exported.text()
    expect(csv.split('\r\n')[0]).toBe(HEADER)
    const back = await t.app.request('/v1/admin/catalog', {
      method: 'PUT',
      headers: headers('text/csv; charset=utf-8'),
      body: csv,
    })
    expect(back.status).toBe(200)
    expect(await back.json()).toMatchObject({ added: 0, changed: 0, removed: 0, courses: 154 })

    const bad = await t.app.request('/v1/admin/catalog', {
      method: 'PUT',
      headers: headers('text/csv'),
      body: `${HEADER}\r\nx,ace,X,,online,one,,1,,AAMA,5,,,,official\r\n`,
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
    const problem = await bad.json()
    expect(problem.errors).toEqual([
      {
        path: 'row 2, column hours',
        row: 2,
        column: 'hours',
        message: '"one" is not a number (use a dot for decimals)',
      },
    ])
    expect((await t.get('/v1/courses/x')).status).toBe(404)
  })
})
