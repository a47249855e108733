import { beforeAll, describe, expect, it } from 'vitest'
import { bundleWidget, gzipSize as gz } from '../../src/adapters/widget-bundle.js'
import { makeTestApp } from '../helpers/app.js'

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

const KB = 1024

describe('/widget.js', () => {
  it('is a cacheable ES module any site may load, revalidated by ETag', async () => {
    const res = await t.app.request('/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cache-control')).toContain('max-age=300')
    const js = await res.text()
    expect(js).toContain('customElements.define("ceu-catalog"')
    expect(js).toContain('customElements.define("ceu-planner"')
    const etag = res.headers.get('etag') as string
    expect(etag).toMatch(/^"[0-9a-f]{12}"$/)
    const again = await t.app.request('/widget.js', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const versioned = await t.app.request(`/widget.js?v=${etag.slice(1, -1)}`)
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('stays within 15 KB gzipped for the catalog element, and for both elements together', async () => {
    const both = await (await t.app.request('/widget.js')).text()
    const catalog = await bundleWidget('catalog')
    const planner = await bundleWidget('planner')
    expect(gz(catalog.js)).toBeLessThanOrEqual(15 * KB)
    expect(gz(both)).toBeLessThanOrEqual(15 * KB)
    // Each element alone is a real part of the whole, not an empty stub.
    expect(gz(catalog.js)).toBeGreaterThan(2 * KB)
    expect(gz(planner.js)).toBeGreaterThan(2 * KB)
    expect(catalog.js).not.toContain('Plan your recertification')
  })

  it('contains no eval and no inline style writes', async () => {
    const js = await (await t.app.request('/widget.js')).text()
    expect(js).not.toMatch(/\beval\(|new Function\(|\.innerHTML\b|setAttribute\("style"/)
  })

  it('takes the catalog vocabularies from the core without bundling its validator', async () => {
    const js = await (await t.app.request('/widget.js')).text()
    // The AMMA alias and the formats come from src/core/catalog/constants.ts...
    expect(js).toContain('AMMA')
    expect(js).toContain('cpr-card')
    // ...and zod, which the core's schemas use, stays out.
    expect(js).not.toMatch(/ZodError|\$ZodType|ZodObject/)
  })
})

describe('pages', () => {
  it('/embed configures the catalog from the query string, escaped, and may be framed', async () => {
    const res = await t.app.request('/embed?category=clinical&approval=AAMA&per-page=5&sort=price')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(
      '<ceu-catalog category="clinical" approval="AAMA" per-page="5" sort="price"></ceu-catalog>',
    )
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *')
    const hostile = await (
      await t.app.request(`/embed?category=${encodeURIComponent('"><script>alert(1)</script>')}`)
    ).text()
    expect(hostile).not.toContain('<script>alert')
    expect(hostile).toContain('category="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  it('/demo embeds both elements as a school would, shows the snippet, and is not frameable', async () => {
    const res = await t.app.request('http://school.test/demo')
    const html = await res.text()
    expect(html).toMatch(/<script type="module" src="\/widget\.js\?v=[0-9a-f]{12}"><\/script>/)
    expect(html).toContain('<ceu-catalog category="clinical" per-page="5"></ceu-catalog>')
    expect(html).toContain('<ceu-planner></ceu-planner>')
    expect(html).toContain(
      '&lt;script src=&quot;http://school.test/widget.js&quot; type=&quot;module&quot;&gt;&lt;/script&gt;',
    )
    expect(html).toContain('sample data')
    const csp = res.headers.get('content-security-policy') as string
    expect(csp).toContain("frame-ancestors 'self'")
    expect(csp).toContain("default-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('/ links to the demo, the embeddable pages and the API reference', async () => {
    const html = await (await t.app.request('/')).text()
    for (const href of ['/demo', '/embed', '/planner', '/docs', '/openapi.json'])
      expect(html).toContain(`href="${href}"`)
  })

  it('/planner and /pages.css are served', async () => {
    expect(await (await t.app.request('/planner')).text()).toContain('<ceu-planner></ceu-planner>')
    const css = await t.app.request('/pages.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('/planner takes its credential and heading from the query string, escaped', async () => {
    const html = await (
      await t.app.request(
        `/planner?credential=rma-amt&heading=${encodeURIComponent('Renew <now>')}&x=1`,
      )
    ).text()
    expect(html).toContain(
      '<ceu-planner credential="rma-amt" heading="Renew &lt;now&gt;"></ceu-planner>',
    )
  })

  it('every page links the icon, which is served; /favicon.ico leads to it', async () => {
    for (const path of ['/', '/demo', '/embed', '/planner', '/docs'])
      expect([path, await (await t.app.request(path)).text()]).toEqual([
        path,
        expect.stringContaining('<link rel="icon" href="/favicon.svg" type="image/svg+xml">'),
      ])
    const icon = await t.app.request('/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(await icon.text()).toMatch(/^<svg /)
    const ico = await t.app.request('/favicon.ico')
    expect(ico.status).toBe(301)
    expect(ico.headers.get('location')).toBe('/favicon.svg')
  })
})

describe('CORS on the public API', () => {
  it('answers any origin, without credentials', async () => {
    const res = await t.app.request('/v1/courses?q=cardio', {
      headers: { origin: 'https://school.example' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('allows a cross-origin POST of JSON (preflight)', async () => {
    const res = await t.app.request('/v1/plan', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://school.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
  })
})
