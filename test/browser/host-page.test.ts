/**
 * The widgets on a school's own page, as its web admin writes it: attributes in any case or with
 * a typo, the page's own heading and font, a strict Content-Security-Policy.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageCsp } from '../../src/http/routes/pages.js'
import { type BrowserRig, plannerReady, settled, startBrowser } from '../helpers/browser.js'

let rig: BrowserRig

beforeAll(async () => {
  rig = await startBrowser()
}, 60_000)

afterAll(async () => {
  await rig?.stop()
})

const HOST_CSS = 'body{font-family:Georgia,serif;color:rgb(20, 40, 60);font-size:18px}'

/**
 * Serves `body` as a host page at `/school` (and its stylesheet), under the same strict CSP as
 * the app's own pages, and counts the catalog searches the page makes.
 */
async function school(body: string, width = 1280) {
  const searches: string[] = []
  const opened = await rig.open('/school', width, async (page: Page) => {
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/v1/courses') searches.push(r.url())
    })
    await page.route('**/school.css', (route) =>
      route.fulfill({ contentType: 'text/css', body: HOST_CSS }),
    )
    await page.route('**/school', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': pageCsp(false) },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>School</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/school.css">
<script type="module" src="/widget.js"></script></head>
<body><main><h1>Riverside</h1>${body}</main></body></html>`,
      }),
    )
  })
  return { ...opened, searches }
}

const params = (url: string | undefined) => new URL(url ?? 'http://x/').searchParams

/** The text a visitor can read inside the element's shadow root. */
const shadowText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => (el.shadowRoot as ShadowRoot).textContent ?? '')

describe('the catalog on a school page', () => {
  it('reads category="Clinical" and approval="aama" case-insensitively, with no warning', async () => {
    const { page, problems, warnings, searches, done } = await school(
      '<ceu-catalog category="Clinical" approval="aama" per-page="5"></ceu-catalog>',
    )
    await settled(page)
    expect(params(searches[0]).getAll('category')).toEqual(['clinical'])
    expect(params(searches[0]).getAll('approval')).toEqual(['AAMA'])
    expect(await page.locator('ceu-catalog .card').count()).toBeGreaterThan(0)
    const checked = await page
      .locator('ceu-catalog input:checked')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort())
    expect(checked).toEqual(['AAMA', 'clinical'])
    expect(warnings).toEqual([])
    expect(problems).toEqual([])
    await done()
  })

  it('reads the AMMA alias as AAMA', async () => {
    const { page, warnings, searches, done } = await school(
      '<ceu-catalog approval="AMMA"></ceu-catalog>',
    )
    await settled(page)
    expect(params(searches[0]).getAll('approval')).toEqual(['AAMA'])
    expect(warnings).toEqual([])
    await done()
  })

  it('ignores an unknown value with one console warning and still shows results', async () => {
    const { page, problems, warnings, searches, done } = await school(
      '<ceu-catalog category="Clinical,surgery" format="webinars" per-page="5"></ceu-catalog>',
    )
    const status = await settled(page)
    expect(await status.textContent()).toMatch(/^\d+ courses found/)
    expect(await page.locator('ceu-catalog .card').count()).toBe(5)
    expect(params(searches[0]).getAll('category')).toEqual(['clinical'])
    expect(params(searches[0]).getAll('format')).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('category="surgery"')
    expect(warnings[0]).toContain('format="webinars"')
    // Visitors see results, not the developer's mistake.
    const text = await shadowText(page, 'ceu-catalog')
    expect(text).not.toMatch(/surgery|webinars|invalid|went wrong/i)
    expect(problems).toEqual([])
    await done()
  })

  it('drops a provider the catalog does not know, with one warning, keeping the known one', async () => {
    const { page, problems, warnings, searches, done } = await school(
      '<ceu-catalog provider="ACE,nobody"></ceu-catalog>',
    )
    await settled(page)
    await expect.poll(() => warnings.length).toBe(1)
    expect(warnings[0]).toContain('provider="nobody"')
    await expect.poll(() => params(searches.at(-1)).getAll('provider')).toEqual(['ace'])
    const meta = await page.locator('ceu-catalog .card .meta').first().textContent()
    expect(meta).toContain('Annals of Continuing Education')
    expect(problems).toEqual([])
    await done()
  })

  it('drops a credential the API does not know, with one warning, and shows results', async () => {
    const { page, problems, warnings, done } = await school(
      '<ceu-catalog credential="CMA"></ceu-catalog>',
    )
    await settled(page)
    expect(await page.locator('ceu-catalog .card').count()).toBeGreaterThan(0)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('credential="cma"')
    expect(await shadowText(page, 'ceu-catalog')).not.toMatch(/invalid option|went wrong/i)
    // The refused request answered 400 in the console's network log; nothing else failed.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([])
    await done()
  })

  it('fetches the first page once on load, counted by request interception', async () => {
    for (const path of ['/embed?category=clinical', '/demo']) {
      const searches: string[] = []
      const { page, done } = await rig.open(path, 1280, async (p) => {
        await p.route('**/v1/courses?**', (route) => {
          searches.push(route.request().url())
          return route.continue()
        })
      })
      await settled(page)
      // The provider names arrive after the first page; they must not trigger a second search.
      await page.waitForLoadState('networkidle')
      await expect.poll(() => page.locator('ceu-catalog .card').count()).toBeGreaterThan(0)
      expect({ path, searches: searches.length }).toEqual({ path, searches: 1 })
      await done()
    }
  })

  it('uses the page font and colour, and adds no heading unless asked', async () => {
    const { page, problems, done } = await school(
      `<ceu-catalog per-page="3"></ceu-catalog>
<ceu-planner id="plain"></ceu-planner>
<ceu-planner id="titled" heading="Plan your renewal"></ceu-planner>
<ceu-planner id="slotted"><h2 slot="heading">What do I still need?</h2></ceu-planner>`,
    )
    await settled(page)
    await plannerReady(page)
    const style = await page.locator('ceu-catalog').evaluate((el) => {
      const status = (el.shadowRoot as ShadowRoot).querySelector('[role=status]') as Element
      const s = getComputedStyle(status)
      return { font: s.fontFamily, color: s.color, size: s.fontSize }
    })
    expect(style).toEqual({ font: 'Georgia, serif', color: 'rgb(20, 40, 60)', size: '18px' })
    const headings = (id: string) =>
      page
        .locator(`#${id}`)
        .evaluate((el) =>
          Array.from(
            (el.shadowRoot as ShadowRoot).querySelectorAll('h1, h2'),
            (h) => h.textContent,
          ),
        )
    expect(await headings('plain')).toEqual([])
    expect(await headings('titled')).toEqual(['Plan your renewal'])
    expect(await headings('slotted')).toEqual([])
    expect(await page.locator('#slotted h2[slot=heading]').isVisible()).toBe(true)
    expect(
      await page.locator('ceu-catalog').evaluate((el) => el.shadowRoot?.querySelector('h1, h2')),
    ).toBeNull()
    expect(problems).toEqual([])
    await done()
  })
})

describe('the planner on a school page', () => {
  it('has Remove buttons at least 24 px square that do not stretch across the row', async () => {
    for (const width of [375, 1280]) {
      const { page, done } = await rig.open('/planner', width)
      const planner = page.locator('ceu-planner')
      await plannerReady(page)
      await planner.getByLabel('Find a course in the catalog').fill('phlebotomy')
      await planner.getByLabel('Completed on').first().fill('2026-01-15')
      await planner.getByRole('button', { name: /^Add Phlebotomy Techniques/ }).click()
      const add = await planner
        .getByRole('list', { name: 'Matching courses' })
        .getByRole('button', { name: /^Add / })
        .first()
        .boundingBox()
      const remove = await planner.getByRole('button', { name: /^Remove/ }).boundingBox()
      const row = await planner.locator('li.item').first().boundingBox()
      for (const box of [add, remove]) {
        expect(box?.width).toBeGreaterThanOrEqual(24)
        expect(box?.height).toBeGreaterThanOrEqual(24)
        expect(box?.height).toBeLessThanOrEqual(40)
        expect(box?.width).toBeLessThan((row?.width ?? 0) / 3)
      }
      await done()
    }
  })
})
