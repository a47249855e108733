/**
 * The planner for a person holding two credentials (CMA and CCMA), driven by keyboard alone:
 * one plan for both, which credential each course serves, the saving against planning each
 * alone, and the labels of what is invented sample data or not known.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { Locator, Page, Request, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageCsp } from '../../src/http/routes/pages.js'
import type { JointPlanResponse, PlanResponse } from '../../src/widget/api.js'
import { ARTIFACTS, axe, type BrowserRig, plannerReady, startBrowser } from '../helpers/browser.js'

let rig: BrowserRig
/** Credential names as `/v1/credentials` gives them. */
let names: Map<string, string>

beforeAll(async () => {
  rig = await startBrowser()
  const list = (await (await fetch(`${rig.base}/v1/credentials`)).json()) as {
    id: string
    credential: string
  }[]
  names = new Map(list.map((c) => [c.id, c.credential]))
}, 60_000)

afterAll(async () => {
  await rig?.stop()
})

/** The focused element inside the planner: "tag:type:label or text". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('ceu-planner')?.shadowRoot
    const el = root?.activeElement
    if (!el) return ''
    const text =
      el.getAttribute('aria-label') ??
      ((el.id && root.querySelector(`label[for="${el.id}"]`)?.textContent) || el.textContent)
    return `${el.tagName.toLowerCase()}:${el.getAttribute('type') ?? ''}:${text}`
  })

/** Presses Tab until the focused element matches (at most 40 times). */
async function tabTo(page: Page, match: RegExp) {
  for (let i = 0; i < 40 && !match.test(await focused(page)); i++) await page.keyboard.press('Tab')
  expect(await focused(page)).toMatch(match)
}

/** Presses Enter on the plan button; answers the body sent and the API's answer. */
async function planByKeyboard<T>(page: Page, planner: Locator) {
  await tabTo(page, /cheapest plan/)
  const [request] = await Promise.all([
    page.waitForRequest((r: Request) => r.url().endsWith('/v1/plan')),
    page.keyboard.press('Enter'),
  ])
  const answer = (await (await request.response())?.json()) as T
  await expect.poll(() => planner.locator('[part=result] h3').count()).toBeGreaterThan(0)
  return { body: request.postDataJSON(), answer }
}

/** The last day of the month `n` months from now, `YYYY-MM-DD`. */
function monthEnd(n: number): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n + 1, 0))
    .toISOString()
    .slice(0, 10)
}
/** Both cycles open, the CCMA's ending first. */
const CMA_END = monthEnd(7)
const CCMA_END = monthEnd(4)
/** A date as typed into a date field: month, day, year. */
const typed = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`

/** "one plan saves..." as the widget writes it: a sentence. */
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`

describe('the planner with two credentials', () => {
  it('plans CMA and CCMA together by keyboard: what each course serves, the saving, sample labels; axe finds nothing', async () => {
    const { page, problems, done } = await rig.open('/planner', 1280)
    const planner = page.locator('ceu-planner')
    await plannerReady(page)

    // The first credential (CMA by default) and its expiration date.
    await tabTo(page, /^select::Credential$/)
    expect(await planner.getByLabel('Credential', { exact: true }).inputValue()).toBe('cma-aama')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('input:date:Credential expires on')
    await page.keyboard.type(typed(CMA_END))
    // A second credential: Enter on "Add another credential" puts focus on its choice.
    await tabTo(page, /Add another credential/)
    await page.keyboard.press('Enter')
    expect(await focused(page)).toBe('select::Credential 2')
    const second = planner.getByLabel('Credential 2', { exact: true })
    await page.keyboard.press('End')
    await expect.poll(() => second.inputValue()).toBe('rma-arma')
    await page.keyboard.type('CCMA')
    await expect.poll(() => second.inputValue()).toBe('ccma-nha')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('input:date:Credential 2 expires on')
    await page.keyboard.type(typed(CCMA_END))

    const { body, answer } = await planByKeyboard<JointPlanResponse>(page, planner)
    expect(body).toEqual({
      credentials: [
        { credential: 'cma-aama', cycleEnd: CMA_END },
        { credential: 'ccma-nha', cycleEnd: CCMA_END },
      ],
      activities: [],
    })
    const { plan } = answer
    await expect.poll(() => planner.locator('.total').count(), { timeout: 15_000 }).toBe(1)

    // Progress for each credential, under its own name, a bar per requirement.
    expect(await planner.locator('section[aria-label=Progress] h4').allTextContents()).toEqual([
      'CMA (AAMA)',
      'CCMA (NHA)',
    ])
    expect(await planner.locator('progress').count()).toBe(
      answer.credentials.reduce((n, p) => n + p.requirements.length, 0),
    )

    // Each planned course says which credentials it counts for and the day to do it by.
    const rows = planner.locator('[part=plan] tbody tr')
    expect(await rows.count()).toBe(plan.offers.length + plan.courses.length + plan.fees.length)
    const served = plan.courses.map((c) => c.serves.length)
    expect(served).toContain(2) // one course serving both: the point of planning them together
    for (const [k, c] of plan.courses.entries()) {
      const who = c.serves.map((s) => names.get(s.credential)).join(' and ')
      const row = rows.nth(plan.offers.length + k)
      expect(await row.locator('td').first().textContent()).toContain(c.title)
      expect(await row.locator('.serves').textContent()).toBe(`Counts for ${who} · do by ${c.by}`)
    }

    // The saving against planning each credential alone.
    expect(answer.saving?.hours).toBeGreaterThan(0)
    expect(await planner.locator('.saving').textContent()).toBe(
      sentence(answer.saving?.summary ?? ''),
    )

    // The shipped catalog's priced courses are invented: a notice above the plan, a badge on each.
    expect(answer.sample).toBe(true)
    const notice = planner.locator('[part=notice]')
    expect(await notice.textContent()).toMatch(/invented samples, not real ones/)
    const sampled = [...plan.offers, ...plan.courses].filter(
      (x) => x.source.confidence === 'sample',
    )
    expect(sampled.length).toBeGreaterThan(0)
    expect(await rows.locator('.tag', { hasText: /^Sample data$/ }).count()).toBe(sampled.length)
    const noticeBox = await notice.boundingBox()
    const tableBox = await planner.locator('[part=plan] table').boundingBox()
    expect(noticeBox?.y).toBeLessThan(tableBox?.y ?? 0)

    // The total is what is known, with the fee that is not known beside it, never as "the total".
    const unknown = plan.fees.filter((f) => f.amount === null)
    expect(plan.totalComplete).toBe(false)
    expect(unknown).toHaveLength(1)
    const total = (await planner.locator('.total').textContent()) ?? ''
    expect(total).toMatch(new RegExp(`^\\$${plan.total} plus a fee that is not known`))
    expect(await planner.locator('[role=status]').textContent()).toBe(
      `Cheapest plan: $${plan.total} plus a fee that is not known.`,
    )
    for (const [k, f] of plan.fees.entries()) {
      const row = rows.nth(plan.offers.length + plan.courses.length + k)
      const [item, price] = await row.locator('td').allTextContents()
      expect(item).toContain(f.label)
      expect(item).toContain(`For ${names.get(f.credential ?? '')}`)
      expect(item?.includes('Not verified')).toBe(f.confidence !== 'official')
      expect(price).toBe(f.amount === null ? 'Not known' : `$${f.amount}`)
    }

    expect(await axe(page)).toEqual([])

    // Remove the second credential by keyboard: focus returns to "Add another credential", and
    // the next plan is for one credential, in the single-credential shape.
    await tabTo(page, /Remove credential 2/)
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatch(/Add another credential/)
    expect(await planner.getByLabel('Credential 2', { exact: true }).count()).toBe(0)
    const single = await planByKeyboard<PlanResponse>(page, planner)
    expect(single.body).toEqual({ credential: 'cma-aama', cycleEnd: CMA_END, activities: [] })
    await expect.poll(() => planner.locator('.saving').count()).toBe(0)
    expect(await planner.locator('.serves').count()).toBe(0)
    expect(await planner.locator('section[aria-label=Progress] h4').count()).toBe(0)
    expect(problems).toEqual([])
    await done()
  }, 60_000)

  it('refuses the same credential twice, next to the field, and sends nothing', async () => {
    const { page, planner, done } = await openWithTwo(1280)
    await planner.getByLabel('Credential 2', { exact: true }).selectOption('cma-aama')
    let sent = 0
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/plan')) sent++
    })
    await planner.getByRole('button', { name: /cheapest plan/ }).click()
    const second = planner.getByLabel('Credential 2', { exact: true })
    expect(await second.getAttribute('aria-invalid')).toBe('true')
    expect(await planner.getByText('You chose this credential already').count()).toBe(1)
    expect(await focused(page)).toBe('select::Credential 2')
    expect(sent).toBe(0)
    await done()
  })

  it('shows no total for an infeasible plan, but each requirement that cannot be met', async () => {
    // The widget has no format preference; the request it sends gets one on its way to the
    // real API, which then has no conference courses to plan with.
    const { page, planner, problems, done } = await openWithTwo(1280, (route) =>
      withPreferences(route, { formats: ['conference'] }),
    )
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/plan')),
      planner.getByRole('button', { name: /cheapest plan/ }).click(),
    ])
    const answer = (await response.json()) as JointPlanResponse
    expect(answer.plan).toMatchObject({ feasible: false, optimal: false, total: null })
    const shortfalls = answer.plan.shortfalls ?? []
    expect(shortfalls.length).toBeGreaterThan(0)
    await expect.poll(() => planner.locator('[part=plan] li').count()).toBe(shortfalls.length)
    const lines = await planner.locator('[part=plan] li').allTextContents()
    for (const [k, s] of shortfalls.entries()) {
      const progress = answer.credentials.find((p) => p.credential === s.credential)
      const label = progress?.requirements.find((r) => r.id === s.requirement)?.label
      expect(lines[k]).toBe(
        `${names.get(s.credential ?? '')}, ${label}: ${s.needed} more needed, ${s.available} available in time (short by ${s.short})`,
      )
    }
    const shown = (await planner.locator('[part=plan]').textContent()) ?? ''
    expect(shown).not.toMatch(/\$|total|proved cheapest/)
    expect(await planner.locator('.total, .saving, table').count()).toBe(0)
    expect(await planner.locator('[role=status]').textContent()).toBe('No plan found.')
    expect(problems).toEqual([])
    await done()
  })

  it('marks a course the person brings as theirs; a plan without sample data has no notice', async () => {
    const own = {
      title: 'Employer in-service day',
      price: 0,
      hours: 60,
      credits: { administrative: 10, clinical: 10, general: 40 },
      approvals: ['AAMA'],
    }
    const opened = await rig.open('/planner', 1280, async (page) => {
      await page.route('**/v1/plan', (route) => withPreferences(route, { extraCourses: [own] }))
    })
    const planner = opened.page.locator('ceu-planner')
    await plannerReady(opened.page)
    await planner.getByLabel('Credential expires on').fill(CMA_END)
    const [response] = await Promise.all([
      opened.page.waitForResponse((r) => r.url().endsWith('/v1/plan')),
      planner.getByRole('button', { name: /cheapest plan/ }).click(),
    ])
    const answer = (await response.json()) as PlanResponse
    expect(answer.plan.courses.map((c) => [c.title, c.own])).toEqual([[own.title, true]])
    expect(answer.sample).toBe(false)
    const row = planner.locator('[part=plan] tbody tr', { hasText: own.title })
    await expect.poll(() => row.locator('.tag').allTextContents()).toEqual(['Your course'])
    expect(await planner.locator('[part=notice]').count()).toBe(0)
    expect(opened.problems).toEqual([])
    await opened.done()
  })

  it('beside a lapsed credential, plans the other and says the exam is left out', async () => {
    const { page, planner, problems, done } = await openWithTwo(1280)
    await planner.getByLabel('Credential expires on').fill('2024-06-30')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/plan')),
      planner.getByRole('button', { name: /cheapest plan/ }).click(),
    ])
    const answer = (await response.json()) as JointPlanResponse
    expect(answer.credentials.map((p) => p.status)).toEqual(['lapsed', 'active'])
    await expect.poll(() => planner.locator('.serves').count()).toBe(answer.plan.courses.length)
    expect(answer.plan.courses.length).toBeGreaterThan(0)
    const lapsed = planner.locator('.held').first().locator('.status-line')
    expect(await lapsed.textContent()).toMatch(
      /^Lapsed: expired on 2024-06-30.*What remains is the exam and its fees, which this plan leaves out\.$/,
    )
    for (const line of await planner.locator('.serves').allTextContents())
      expect(line).toMatch(/^Counts for CCMA \(NHA\) · do by /)
    expect(problems).toEqual([])
    await done()
  })

  it('fits 375 and 1280 px without sideways scrolling; writes screenshots of a two-credential plan', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    for (const width of [375, 1280]) {
      const { page, planner, problems, done } = await openWithTwo(width)
      await planner.getByRole('button', { name: /cheapest plan/ }).click()
      await expect.poll(() => planner.locator('.saving').count(), { timeout: 15_000 }).toBe(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      )
      const path = `${ARTIFACTS}planner-two-credentials-${width}.png`
      await page.screenshot({ path, fullPage: true })
      expect(existsSync(path)).toBe(true)
      expect(problems).toEqual([])
      await done()
    }
  }, 60_000)
})

describe('the planner that remembers', () => {
  it('keeps both credentials and their dates across a reload, and reads what it stored before', async () => {
    const { page, problems, done } = await rig.open('/school', 1280, async (p) => {
      await p.route('**/school', (route) =>
        route.fulfill({
          contentType: 'text/html',
          headers: { 'content-security-policy': pageCsp(false) },
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>School</title>
<link rel="icon" href="/favicon.svg"><script type="module" src="/widget.js"></script></head>
<body><main><h1>Riverside</h1><ceu-planner remember></ceu-planner></main></body></html>`,
        }),
      )
    })
    const planner = page.locator('ceu-planner')
    await plannerReady(page)
    await planner.getByLabel('Credential expires on').fill('2027-06-30')
    await planner.getByRole('button', { name: 'Add another credential' }).click()
    await planner.getByLabel('Credential 2', { exact: true }).selectOption('ccma-nha')
    await planner.getByLabel('Credential 2 expires on').fill('2027-03-31')
    const shown = async () => ({
      first: await planner.getByLabel('Credential', { exact: true }).inputValue(),
      firstEnd: await planner.getByLabel('Credential expires on').inputValue(),
      second: await planner.getByLabel('Credential 2', { exact: true }).inputValue(),
      secondEnd: await planner.getByLabel('Credential 2 expires on').inputValue(),
    })
    const both = {
      first: 'cma-aama',
      firstEnd: '2027-06-30',
      second: 'ccma-nha',
      secondEnd: '2027-03-31',
    }
    expect(await shown()).toEqual(both)
    await page.reload()
    await plannerReady(page)
    expect(await shown()).toEqual(both)
    // What an earlier version stored: one credential, no list.
    await page.evaluate(() =>
      localStorage.setItem(
        'ceu-planner',
        JSON.stringify({ credential: 'rma-amt', cycleEnd: '2027-01-31', activities: [] }),
      ),
    )
    await page.reload()
    await plannerReady(page)
    expect(await planner.getByLabel('Credential', { exact: true }).inputValue()).toBe('rma-amt')
    expect(await planner.getByLabel('Credential expires on').inputValue()).toBe('2027-01-31')
    expect(await planner.getByLabel('Credential 2', { exact: true }).count()).toBe(0)
    expect(problems).toEqual([])
    await done()
  })
})

/** The planner with CMA and CCMA and their expiration dates filled in by pointer. */
async function openWithTwo(width: number, plan?: (route: Route) => Promise<void>) {
  const opened = await rig.open('/planner', width, async (page) => {
    if (plan) await page.route('**/v1/plan', plan)
  })
  const planner = opened.page.locator('ceu-planner')
  await plannerReady(opened.page)
  await planner.getByLabel('Credential expires on').fill(CMA_END)
  await planner.getByRole('button', { name: 'Add another credential' }).click()
  await planner.getByLabel('Credential 2', { exact: true }).selectOption('ccma-nha')
  await planner.getByLabel('Credential 2 expires on').fill(CCMA_END)
  return { ...opened, planner }
}

/** Sends the widget's own request on to the app with `preferences` added. */
function withPreferences(route: Route, preferences: object) {
  const body = route.request().postDataJSON()
  return route.continue({ postData: JSON.stringify({ ...body, preferences }) })
}
