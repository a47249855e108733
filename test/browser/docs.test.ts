/** `/docs`, the API reference, on a phone and a desktop, and axe on every page a visitor meets. */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ARTIFACTS,
  axe,
  type BrowserRig,
  plannerReady,
  settled,
  startBrowser,
} from '../helpers/browser.js'

let rig: BrowserRig

beforeAll(async () => {
  rig = await startBrowser()
}, 60_000)

afterAll(async () => {
  await rig?.stop()
})

describe('/docs', () => {
  it('fits 375 px without sideways scrolling, with no console error (favicon included)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    for (const width of [375, 1280]) {
      const failed: string[] = []
      const { page, problems, response, done } = await rig.open('/docs', width, async (p) => {
        p.on('response', (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
        })
      })
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'")
      await page.waitForLoadState('networkidle')
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      )
      await page.screenshot({ path: `${ARTIFACTS}docs-${width}.png`, fullPage: false })
      // Every route is listed, and its link leads to its section.
      const doc = await (await fetch(`${rig.base}/openapi.json`)).json()
      const operations = Object.values(doc.paths as Record<string, object>).flatMap(Object.keys)
      expect(operations.length).toBeGreaterThan(5)
      // One link per operation, and one to the schemas.
      expect(await page.locator('nav .contents a').count()).toBe(operations.length + 1)
      await page.locator('nav .contents a', { hasText: '/v1/plan' }).first().click()
      expect(await page.locator(':target h2').textContent()).toContain('/v1/plan')
      // The icon the page links to exists, and so does the one browsers ask for by themselves.
      expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg')
      for (const icon of ['/favicon.svg', '/favicon.ico']) {
        const r = await fetch(`${rig.base}${icon}`)
        expect([icon, r.status, r.headers.get('content-type')]).toEqual([
          icon,
          200,
          'image/svg+xml',
        ])
      }
      expect(failed).toEqual([])
      expect(problems).toEqual([])
      await done()
    }
  })
})

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it.each(['/demo', '/embed', '/planner', '/docs'])('finds no violation on %s', async (path) => {
    for (const width of [375, 1280]) {
      const { page, done } = await rig.open(path, width)
      if (path === '/demo' || path === '/embed') await settled(page)
      if (path === '/demo' || path === '/planner') await plannerReady(page)
      expect({ path, width, violations: await axe(page) }).toEqual({
        path,
        width,
        violations: [],
      })
      await done()
    }
  })

  it('finds no violation in the planner showing a plan and field messages', async () => {
    const { page, done } = await rig.open('/planner', 1280)
    const planner = page.locator('ceu-planner')
    await plannerReady(page)
    await planner.getByRole('button', { name: /cheapest plan/ }).click()
    await planner.getByText('Add something not in the catalog').click()
    await planner.getByRole('button', { name: 'Add to my courses' }).click()
    await planner.getByLabel('Credential expires on').fill('2027-06-30')
    await planner.getByRole('button', { name: /cheapest plan/ }).click()
    await expect.poll(() => planner.locator('.total').count(), { timeout: 15_000 }).toBe(1)
    expect(await planner.locator('[aria-invalid=true]').count()).toBeGreaterThan(0)
    expect(await axe(page)).toEqual([])
    await done()
  })
})
