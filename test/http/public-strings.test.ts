/**
 * Every public string is written for the user: no internal wording (the word "brief", issue
 * numbers, the names of planning documents) in the catalog files or in any answer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATALOG_DIR, makeTestApp } from '../helpers/app.js'

const INTERNAL = [/\bbrief\b/i, /\bissues?\s*#?\s*\d+/i, /(^|[\s(])#\d+\b/, /CONTRACT|RULES\.md/]

function offending(text: string): string[] {
  return INTERNAL.flatMap((re) => {
    const match = re.exec(text)
    return match ? [text.slice(Math.max(0, match.index - 40), match.index + 40)] : []
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('public strings', () => {
  it('no catalog file carries internal wording', () => {
    const files = filesUnder(CATALOG_DIR)
    expect(files.length).toBeGreaterThan(15)
    for (const file of files)
      expect({ file, found: offending(readFileSync(file, 'utf8')) }).toEqual({ file, found: [] })
  })

  it('no answer carries internal wording', async () => {
    const t = makeTestApp({ adminToken: 'public-strings-token-0123' })
    await t.loadFolder()
    const paths = [
      '/',
      '/docs',
      '/embed',
      '/openapi.json',
      '/v1/providers',
      '/v1/offers',
      '/v1/credentials',
      '/v1/schemas/catalog.json',
      '/healthz',
      '/v1/courses/nope',
    ]
    const total = (await t.get('/v1/courses?perPage=100')).body.total as number
    for (let page = 1; page <= Math.ceil(total / 100); page++)
      paths.push(`/v1/courses?perPage=100&page=${page}`)
    const texts: [string, string][] = []
    for (const path of paths) {
      const res = await t.app.request(path)
      expect(res.status, path).toBeLessThan(500)
      texts.push([path, await res.text()])
    }
    for (const credential of ['cma-aama', 'rma-amt', 'ncma-ncct', 'ccma-nha', 'rma-arma']) {
      for (const route of ['/v1/progress', '/v1/plan']) {
        const res = await t.app.request(route, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            credential,
            cycleEnd: '2027-06-30',
            asOf: '2026-11-24',
            activities: [],
          }),
        })
        texts.push([`${route} ${credential}`, await res.text()])
      }
    }
    expect(texts.length).toBeGreaterThan(20)
    for (const [path, text] of texts)
      expect({ path, found: offending(text) }).toEqual({ path, found: [] })
  })
})
