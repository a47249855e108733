/**
 * The planner as a medical assistant uses it: every kind of activity the API accepts, entered by
 * hand, checked next to each field, and counted.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { Locator, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, type BrowserRig, plannerReady, startBrowser } from '../helpers/browser.js'

let rig: BrowserRig

beforeAll(async () => {
  rig = await startBrowser()
}, 60_000)

afterAll(async () => {
  await rig?.stop()
})

interface Entry {
  kind: string
  what?: string
  on: string
  hours?: string
  collegeCredits?: string
  areas?: Partial<Record<'Administrative' | 'Clinical' | 'General', string>>
  approvals?: string[]
}

/** Fills the "not in the catalog" form and submits it. */
async function addByHand(planner: Locator, e: Entry) {
  const form = planner.locator('form').filter({ hasText: 'Add to my courses' })
  if (!(await form.isVisible())) await planner.getByText('Add something not in the catalog').click()
  await form.getByLabel('Kind').selectOption(e.kind)
  if (e.what !== undefined) await form.getByLabel('What').fill(e.what)
  await form.getByLabel('Completed on').fill(e.on)
  if (e.hours !== undefined) await form.getByLabel('Contact hours').fill(e.hours)
  if (e.collegeCredits !== undefined)
    await form.getByLabel(/^College credits/).fill(e.collegeCredits)
  for (const [area, value] of Object.entries(e.areas ?? {}))
    await form.getByLabel(area, { exact: true }).fill(value)
  for (const body of e.approvals ?? []) await form.getByLabel(body, { exact: true }).check()
  await form.getByRole('button', { name: 'Add to my courses' }).click()
}

/** Asks for the plan; answers the request sent and the API's JSON answer. */
async function askPlan(page: Page, planner: Locator) {
  const [request] = await Promise.all([
    page.waitForRequest((r: Request) => r.url().endsWith('/v1/plan')),
    planner.getByRole('button', { name: /cheapest plan/ }).click(),
  ])
  const response = await request.response()
  const answer = await response?.json()
  await expect.poll(() => planner.locator('[part=result] h3').count()).toBeGreaterThan(0)
  return { body: request.postDataJSON(), answer }
}

async function openPlanner(width = 1280) {
  const opened = await rig.open('/planner', width)
  const planner = opened.page.locator('ceu-planner')
  await plannerReady(opened.page)
  await planner.getByLabel('Credential expires on').fill('2027-06-30')
  return { ...opened, planner }
}

describe('the planner', () => {
  it('takes college work with its credits and split by area, and counts it', async () => {
    const { page, planner, problems, done } = await openPlanner()
    await addByHand(planner, {
      kind: 'college',
      what: 'Anatomy and Physiology I',
      on: '2025-09-15',
      collegeCredits: '2',
      areas: { Clinical: '2', General: '1' },
    })
    expect(
      await planner.locator('ul[aria-label="Your courses"] li').first().textContent(),
    ).toContain('Anatomy and Physiology I (college course, 2 college credits), 2025-09-15')
    const { body, answer } = await askPlan(page, planner)
    expect(body.activities).toEqual([
      {
        title: 'Anatomy and Physiology I',
        completedOn: '2025-09-15',
        format: 'college',
        collegeCredits: 2,
        credits: { clinical: 2, general: 1 },
      },
    ])
    // 2 credits x 15 points, within the 30 non-AAMA points.
    expect(answer.progress.activities[0]).toMatchObject({ counted: 30, reason: null })
    const total = answer.progress.requirements.find((r: { id: string }) => r.id === 'total')
    expect(total.earned).toBe(30)
    expect(await planner.getByText('Did not count').count()).toBe(0)
    expect(await planner.locator('label', { hasText: /^Total points: 30 of 60/ }).count()).toBe(1)
    expect(problems).toEqual([])
    await done()
  })

  it('in the grace period, says until when continuing education still counts, in both readings', async () => {
    const { page, planner, problems, done } = await openPlanner()
    // The end of last month: expired, and inside both of AAMA's readings (three months, 90 days).
    const now = new Date()
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
      .toISOString()
      .slice(0, 10)
    await planner.getByLabel('Credential expires on').fill(end)
    const { answer } = await askPlan(page, planner)
    expect(answer.progress.status).toBe('grace')
    const deadlines = answer.progress.graceDeadlines as { reading: string; date: string }[]
    expect(deadlines.map((d) => d.reading)).toEqual(['three months', '90 days'])
    const status = (await planner.locator('[part=result]').textContent()) ?? ''
    expect(status).toContain(`Expired on ${end}.`)
    for (const d of deadlines) expect(status).toContain(d.date)
    expect(status).not.toMatch(/ended|0 days left/)
    expect(problems).toEqual([])
    await done()
  })

  it('takes a workshop with credits by area and approvals, and a CPR card', async () => {
    const { page, planner, problems, done } = await openPlanner()
    await addByHand(planner, {
      kind: 'workshop',
      what: 'HIPAA in-service',
      on: '2026-02-10',
      hours: '1',
      areas: { Administrative: '1' },
      approvals: ['AAMA'],
    })
    await addByHand(planner, { kind: 'cpr-card', on: '2026-05-01' })
    expect(await planner.locator('ul[aria-label="Your courses"] li').allTextContents()).toEqual([
      'HIPAA in-service (workshop or in-service, 1 h), 2026-02-10Remove',
      'CPR card, 2026-05-01Remove',
    ])
    const { body, answer } = await askPlan(page, planner)
    expect(body.activities).toEqual([
      {
        title: 'HIPAA in-service',
        completedOn: '2026-02-10',
        format: 'workshop',
        hours: 1,
        credits: { administrative: 1 },
        approvals: ['AAMA'],
      },
      { title: 'CPR card', completedOn: '2026-05-01', format: 'cpr-card' },
    ])
    expect(answer.progress.activities.map((a: { counted: number }) => a.counted > 0)).toEqual([
      true,
      true,
    ])
    expect(problems).toEqual([])
    await done()
  })

  it('says in plain words, next to each field, what is missing or wrong', async () => {
    const { page, planner, done } = await openPlanner()
    await planner.getByText('Add something not in the catalog').click()
    const form = planner.locator('form').filter({ hasText: 'Add to my courses' })
    await form.getByLabel('Kind').selectOption('college')
    expect(await form.getByLabel('Contact hours').isVisible()).toBe(false)
    await form.getByRole('button', { name: 'Add to my courses' }).click()
    /** The message a field is described by, read as a screen reader would find it. */
    const message = (label: string | RegExp) =>
      form.getByLabel(label).evaluate((el) => {
        const id = el.getAttribute('aria-describedby')
        return {
          invalid: el.getAttribute('aria-invalid'),
          text: id
            ? el.getRootNode() instanceof ShadowRoot
              ? (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent
              : null
            : null,
        }
      })
    expect(await message('What')).toEqual({
      invalid: 'true',
      text: 'Enter what you did, e.g. its title.',
    })
    expect(await message('Completed on')).toEqual({
      invalid: 'true',
      text: 'Enter the date you completed it.',
    })
    expect(await message(/^College credits/)).toEqual({
      invalid: 'true',
      text: 'Enter how many credits the course gave, e.g. 3.',
    })
    // Focus goes to the first field to fix in reading order (the date); nothing was added.
    expect(
      await page.evaluate(() =>
        document.querySelector('ceu-planner')?.shadowRoot?.activeElement?.getAttribute('type'),
      ),
    ).toBe('date')
    expect(await planner.locator('ul[aria-label="Your courses"] li').count()).toBe(0)

    await form.getByLabel('Kind').selectOption('workshop')
    await form.getByLabel('What').fill('Lab safety')
    await form.getByLabel('Completed on').fill('2999-01-01')
    await form.getByLabel('Contact hours').fill('-2')
    await form.getByRole('button', { name: 'Add to my courses' }).click()
    expect((await message('Completed on')).text).toBe(
      'That date is in the future: enter the date you completed it.',
    )
    expect((await message('Contact hours')).text).toBe('Enter 0 or more.')
    expect((await message('What')).invalid).toBeNull()
    await form.getByLabel('Contact hours').fill('')
    await form.getByLabel('Completed on').fill('2026-03-01')
    await form.getByRole('button', { name: 'Add to my courses' }).click()
    expect((await message('Contact hours')).text).toBe(
      'Enter the contact hours, or the credits by content area below.',
    )
    await form.getByLabel('Contact hours').fill('1.5')
    await form.getByRole('button', { name: 'Add to my courses' }).click()
    expect(await planner.locator('ul[aria-label="Your courses"] li').count()).toBe(1)
    expect((await message('Contact hours')).invalid).toBeNull()

    // A catalog course needs its completion date too.
    await planner.getByLabel('Completed on').first().fill('')
    await planner.getByLabel('Find a course in the catalog').fill('phlebotomy')
    await planner.getByRole('button', { name: /^Add Phlebotomy Techniques/ }).click()
    expect(await planner.locator('ul[aria-label="Your courses"] li').count()).toBe(1)
    const done1 = await planner.getByLabel('Completed on').first().getAttribute('aria-invalid')
    expect(done1).toBe('true')
    await done()
  })

  it('takes its credential attribute in any case; an unknown one is ignored with one warning', async () => {
    for (const [credential, selected, warned] of [
      ['RMA-AMT', 'rma-amt', 0],
      ['cma', 'cma-aama', 1],
    ] as const) {
      const { page, warnings, done } = await rig.open(`/planner?credential=${credential}`)
      await plannerReady(page)
      expect(await page.locator('ceu-planner select').first().inputValue()).toBe(selected)
      expect(warnings).toHaveLength(warned)
      await done()
    }
  })

  it('writes screenshots of a plan at 375 and 1280 px', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    for (const width of [375, 1280]) {
      const { page, planner, problems, done } = await openPlanner(width)
      await planner.getByLabel('Find a course in the catalog').fill('cardiology')
      await planner.getByLabel('Completed on').first().fill('2025-03-01')
      await planner
        .getByRole('list', { name: 'Matching courses' })
        .getByRole('button', { name: /^Add / })
        .first()
        .click()
      await addByHand(planner, {
        kind: 'college',
        what: 'Medical Terminology',
        on: '2025-09-15',
        collegeCredits: '1',
        areas: { General: '1' },
      })
      await addByHand(planner, { kind: 'cpr-card', on: '2026-05-01' })
      await askPlan(page, planner)
      await expect.poll(() => planner.locator('.total').count(), { timeout: 15_000 }).toBe(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      )
      const path = `${ARTIFACTS}planner-${width}.png`
      await page.screenshot({ path, fullPage: true })
      expect(existsSync(path)).toBe(true)
      expect(problems).toEqual([])
      await done()
    }
  })
})
