/**
 * The widgets in a real browser: Debian's Chromium driven by playwright-core, against the app on
 * a loopback port with the shipped catalog.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ARTIFACTS,
  type BrowserRig,
  plannerReady,
  settled,
  startBrowser,
} from '../helpers/browser.js'

let rig: BrowserRig
let base: string
const open = (path: string, width?: number) => rig.open(path, width)

beforeAll(async () => {
  rig = await startBrowser()
  base = rig.base
}, 60_000)

afterAll(async () => {
  await rig?.stop()
})

async function facetCounts(page: Page, facet: string) {
  return page
    .locator(`ceu-catalog input[name=${facet}]`)
    .evaluateAll((inputs) =>
      Object.fromEntries(
        inputs.map((i) => [
          (i as HTMLInputElement).value,
          Number(i.parentElement?.querySelector('.count')?.firstChild?.textContent),
        ]),
      ),
    )
}

describe('the widgets in Chromium', () => {
  it('serves /demo under a strict CSP, with no console errors or CSP violations', async () => {
    const { page, problems, response, done } = await open('/demo')
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe')
    await settled(page)
    await plannerReady(page)
    // Nothing inline: every script has a src, no element has a style attribute.
    expect(await page.locator('script:not([src])').count()).toBe(0)
    expect(await page.locator('[style]').count()).toBe(0)
    expect(problems).toEqual([])
    await done()
  })

  it('finds the right course for a misspelled query', async () => {
    const { page, problems, done } = await open('/embed')
    await settled(page)
    await page.locator('ceu-catalog input[type=search]').fill('flebotomy')
    await expect
      .poll(() => page.locator('ceu-catalog .card h3').allTextContents(), { timeout: 10_000 })
      .toContain('Phlebotomy Techniques Refresher')
    // The best match comes first, with the corrected word marked.
    expect(await page.locator('ceu-catalog .card h3').first().textContent()).toMatch(/phlebotomy/i)
    expect(await page.locator('ceu-catalog .card h3 mark').first().textContent()).toMatch(
      /^phlebotomy$/i,
    )
    expect(problems).toEqual([])
    // A record that lacks facts says so, rather than guessing.
    await page.locator('ceu-catalog input[type=search]').fill('relias')
    await expect
      .poll(() => page.locator('ceu-catalog .card .unknown').allTextContents(), { timeout: 10_000 })
      .toContain('Not known (price, hours, credits) — check with the provider')
    await done()
  })

  it('shows an empty state that clears the filters, and an error state that retries', async () => {
    const { page, done } = await open('/embed?category=clinical')
    const status = await settled(page)
    await page.locator('ceu-catalog input[type=search]').fill('zzqqxxyy')
    await expect.poll(() => status.textContent()).toBe('No courses found')
    await page.getByRole('button', { name: 'Clear all filters' }).click()
    await expect.poll(() => status.textContent()).toMatch(/^\d+ courses found/)
    expect(await page.locator('ceu-catalog input[name=category]:checked').count()).toBe(0)
    // The API unreachable: an error message and a way to try again.
    await page.route('**/v1/courses?**', (route) => route.abort())
    await page.locator('ceu-catalog input[type=search]').fill('cardio')
    await expect.poll(() => status.textContent()).toBe('Courses could not be loaded.')
    await page.unroute('**/v1/courses?**')
    await page.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => status.textContent()).toMatch(/found/)
    expect(await page.locator('ceu-catalog .card').count()).toBeGreaterThan(0)
    await done()
  })

  it('applies a facet and the other facets count again; paginates', async () => {
    const { page, done } = await open('/embed?per-page=5')
    const status = await settled(page)
    const before = await facetCounts(page, 'provider')
    const totalBefore = Number((await status.textContent())?.match(/\d+/)?.[0])
    await page.locator('ceu-catalog input[name=category][value=clinical]').check()
    await expect.poll(async () => facetCounts(page, 'provider')).not.toEqual(before)
    const after = await facetCounts(page, 'provider')
    const totalAfter = Number((await status.textContent())?.match(/\d+/)?.[0])
    expect(totalAfter).toBeLessThan(totalBefore)
    // Disjunctive: the category facet still counts every category.
    expect(Object.keys(await facetCounts(page, 'category')).length).toBeGreaterThan(1)
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(totalAfter)

    const firstPage = await page.locator('ceu-catalog .card h3').allTextContents()
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => status.textContent()).toMatch(/page 2 of/)
    const secondPage = await page.locator('ceu-catalog .card h3').allTextContents()
    expect(secondPage).toHaveLength(5)
    expect(secondPage).not.toEqual(firstPage)
    await done()
  })

  it('works by keyboard alone', async () => {
    const { page, problems, done } = await open('/embed?per-page=5')
    const status = await settled(page)
    // From the top of the page, Tab reaches the search box first.
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(() =>
        document.activeElement?.shadowRoot?.activeElement?.getAttribute('type'),
      ),
    ).toBe('search')
    await page.keyboard.type('cardio')
    await expect.poll(() => status.textContent()).toMatch(/found/)
    await expect.poll(() => page.locator('ceu-catalog .card mark').count()).toBeGreaterThan(0)
    // Tab to the first content-area checkbox and tick it with Space.
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement?.shadowRoot?.activeElement as HTMLInputElement | null
        return el ? `${el.tagName.toLowerCase()}:${el.name || el.type}:${el.textContent ?? ''}` : ''
      })
    for (let i = 0; i < 5 && !(await focusedName()).startsWith('input:category'); i++)
      await page.keyboard.press('Tab')
    expect(await focusedName()).toMatch(/^input:category/)
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.locator('ceu-catalog input[name=category]:checked').count())
      .toBe(1)
    // Focus stays on the checkbox after the results reload (waited for: a key pressed while
    // the facets are rebuilt goes to the checkbox being replaced).
    await expect.poll(() => page.locator('ceu-catalog [aria-busy]').count()).toBe(0)
    await expect.poll(focusedName).toMatch(/^input:category/)
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.locator('ceu-catalog input[name=category]:checked').count())
      .toBe(0)
    // Clear the query by keyboard, then Tab on to the pager and turn the page with Enter.
    await page.locator('ceu-catalog input[type=search]').focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await expect.poll(() => status.textContent()).toMatch(/page 1 of [2-9]/)
    for (let i = 0; i < 60 && !(await focusedName()).includes('Next page'); i++)
      await page.keyboard.press('Tab')
    expect(await focusedName()).toContain('Next page')
    await page.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toMatch(/page 2 of/)
    // Focus moved to the status line, the top of the new page of results.
    expect(await focusedName()).toMatch(/^p:/)
    // The focus ring is visible.
    await page.locator('ceu-catalog input[type=search]').focus()
    const outline = await page.evaluate(() => {
      const el = document.querySelector('ceu-catalog')?.shadowRoot?.activeElement as Element
      return getComputedStyle(el).outlineStyle
    })
    expect(outline).not.toBe('none')
    expect(problems).toEqual([])
    await done()
  })

  it('plans from an empty transcript, by keyboard, to the total POST /v1/plan gives', async () => {
    const { page, problems, done } = await open('/planner')
    const planner = page.locator('ceu-planner')
    await plannerReady(page)
    await planner.locator('select').first().focus()
    await page.keyboard.press('Tab') // to the expiration date
    await page.keyboard.type('06302027')
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/plan'))
    await planner.getByRole('button', { name: /cheapest plan/ }).focus()
    await page.keyboard.press('Enter')
    const request = await sent
    const body = request.postDataJSON()
    expect(body).toMatchObject({ credential: 'cma-aama', cycleEnd: '2027-06-30', activities: [] })
    const total = planner.locator('.total')
    await expect.poll(() => total.count(), { timeout: 15_000 }).toBe(1)
    const shown = Number(await total.getAttribute('data-total'))
    const direct = await (
      await fetch(`${base}/v1/plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()
    expect(shown).toBe(direct.plan.total)
    expect(await total.textContent()).toContain(`$${direct.plan.total}`)
    // Progress bars, one per requirement.
    expect(await planner.locator('progress').count()).toBe(direct.progress.requirements.length)
    expect(await planner.locator('[role=status]').textContent()).toContain('Cheapest plan')
    expect(problems).toEqual([])
    await done()
  })

  it('adds a catalog course and an ad-hoc CPR card, and says what did not count', async () => {
    const { page, problems, done } = await open('/planner')
    const planner = page.locator('ceu-planner')
    await plannerReady(page)
    await planner.locator('input[type=date]').first().fill('2027-06-30')
    await planner.getByLabel('Find a course in the catalog').fill('phlebotomy')
    await planner.getByLabel('Completed on').first().fill('2020-01-15')
    await planner.getByRole('button', { name: /^Add Phlebotomy Techniques Refresher/ }).click()
    await planner.getByText('Add something not in the catalog').click()
    await planner.getByLabel('Kind').selectOption('cpr-card')
    await planner.getByLabel('What').fill('BLS card')
    await planner.getByLabel('Completed on').nth(1).fill('2026-05-01')
    await planner.getByRole('button', { name: 'Add to my courses' }).click()
    await expect.poll(() => planner.getByRole('button', { name: /^Remove/ }).count()).toBe(2)
    await planner.getByRole('button', { name: /cheapest plan/ }).click()
    await expect.poll(() => planner.getByText('Did not count').count(), { timeout: 15_000 }).toBe(1)
    expect(await planner.locator('li', { hasText: 'before the cycle started' }).count()).toBe(1)
    expect(problems).toEqual([])
    await done()
  })

  it('fits 320 px without sideways scrolling; writes screenshots of /demo at 375 and 1280 px', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    for (const width of [320, 375, 1280]) {
      const { page, problems, done } = await open('/demo', width)
      await settled(page)
      // Nothing wider than the viewport: the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      )
      if (width !== 320) {
        await page.screenshot({ path: `${ARTIFACTS}demo-${width}.png`, fullPage: true })
        expect(existsSync(`${ARTIFACTS}demo-${width}.png`)).toBe(true)
      }
      expect(problems).toEqual([])
      await done()
    }
  })
})
