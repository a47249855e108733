/**
 * Debian's Chromium driven by playwright-core, against the app on a loopback port with the
 * shipped catalog. `.ci/run` installs Chromium; nothing here downloads a browser.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { makeTestApp } from './app.js'

const CHROMIUM = '/usr/bin/chromium'
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Opened {
  page: Page
  /** Console errors, page errors and CSP violations. */
  problems: string[]
  /** Console warnings. */
  warnings: string[]
  response: Awaited<ReturnType<Page['goto']>>
  done: () => Promise<void>
}

export interface BrowserRig {
  base: string
  /** Opens a path at a viewport width; `before` runs before navigation (routes, listeners). */
  open: (path: string, width?: number, before?: (page: Page) => Promise<void>) => Promise<Opened>
  stop: () => Promise<void>
}

export async function startBrowser(): Promise<BrowserRig> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
    )
  const t = makeTestApp()
  const loaded = await t.loadFolder()
  expect(loaded.status).toBe('loaded')
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
  const open: BrowserRig['open'] = async (path, width = 1280, before) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    const problems: string[] = []
    const warnings: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
      if (m.type() === 'warning') warnings.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
      })
    })
    await before?.(page)
    const response = await page.goto(`${base}${path}`)
    return { page, problems, warnings, response, done: () => context.close() }
  }
  return {
    base,
    open,
    stop: async () => {
      await browser.close()
      server.close()
    },
  }
}

/** axe-core's WCAG 2.1 A and AA violations on the page, as `rule: targets` lines. */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map(
      (v: { id: string; nodes: { target: unknown }[] }) =>
        `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    )
  })
}

/** Status text of the first catalog widget once it has loaded results. */
export async function settled(page: Page, scope = 'ceu-catalog') {
  const status = page.locator(`${scope} [role=status]`).first()
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/found/)
  return status
}

/**
 * Waits until the planner has its list of credentials, in its first select (the form for
 * activities not in the catalog has a select of its own, filled from the start).
 */
export async function plannerReady(page: Page) {
  const credentials = page.locator('ceu-planner select').first().locator('option')
  await expect.poll(() => credentials.count(), { timeout: 10_000 }).toBeGreaterThan(1)
}
