import type { Context } from 'hono'
import { Hono } from 'hono'
import { escapeHtml as esc } from '../../core/search/text.js'
import { CATALOG_FILTER_ATTRIBUTES, PLANNER_ATTRIBUTES } from '../../widget/attributes.js'
import { FAVICON, FAVICON_LINK } from '../favicon.js'
import type { AppEnv } from '../router.js'

export interface WidgetAsset {
  js: string
  hash: string
}

/**
 * The Content-Security-Policy of every page: no inline script or style, no eval, the API on
 * the same origin. `/embed` and `/planner` may be framed by any site; the rest only by this one.
 */
export function pageCsp(frameable: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameable ? '*' : "'self'"}`,
  ].join('; ')
}

/** The widget bundle (`/widget.js`), and the pages that show it: `/`, `/embed`, `/planner`, `/demo`. */
export function pageRoutes(widget: () => Promise<WidgetAsset>) {
  const page = async (c: Context<AppEnv>, html: (src: string) => string, frameable = false) => {
    const { hash } = await widget()
    c.header('content-security-policy', pageCsp(frameable))
    c.header('x-content-type-options', 'nosniff')
    c.header('referrer-policy', 'strict-origin-when-cross-origin')
    return c.html(html(`/widget.js?v=${hash}`))
  }
  return (
    new Hono<AppEnv>()
      .get('/widget.js', async (c) => {
        const { js, hash } = await widget()
        const etag = `"${hash}"`
        const headers: Record<string, string> = {
          'content-type': 'text/javascript; charset=utf-8',
          etag,
          // A module script from another origin is fetched with CORS.
          'access-control-allow-origin': '*',
          'cross-origin-resource-policy': 'cross-origin',
          'x-content-type-options': 'nosniff',
          // The versioned URL never changes; the bare one is revalidated after five minutes.
          'cache-control':
            c.req.query('v') === hash
              ? 'public, max-age=31536000, immutable'
              : 'public, max-age=300, stale-while-revalidate=86400',
        }
        if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
        return c.body(js, 200, headers)
      })
      .get('/pages.css', (c) =>
        c.body(PAGES_CSS, 200, {
          'content-type': 'text/css; charset=utf-8',
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        }),
      )
      .get('/', (c) => page(c, () => INDEX_HTML))
      .get('/favicon.svg', (c) =>
        c.body(FAVICON, 200, {
          'content-type': 'image/svg+xml',
          'cache-control': 'public, max-age=86400',
          'x-content-type-options': 'nosniff',
        }),
      )
      // Browsers ask for /favicon.ico by themselves on pages without an icon link (JSON, say).
      .get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))
      .get('/embed', (c) => {
        const attributes = fromQuery(c, CATALOG_FILTER_ATTRIBUTES)
        return page(
          c,
          (src) =>
            shell(
              'Continuing-education courses',
              src,
              `<main class="bare"><h1 class="sr">Continuing-education courses</h1><ceu-catalog${attributes}></ceu-catalog></main>`,
            ),
          true,
        )
      })
      .get('/planner', (c) =>
        page(
          c,
          (src) =>
            shell(
              'Recertification planner',
              src,
              `<main class="bare"><h1 class="sr">Recertification planner</h1><ceu-planner${fromQuery(c, PLANNER_ATTRIBUTES)}></ceu-planner></main>`,
            ),
          true,
        ),
      )
      .get('/demo', (c) => {
        const origin = new URL(c.req.url).origin
        return page(c, (src) =>
          shell('Riverside Community College: continuing education (demo)', src, demo(origin)),
        )
      })
  )
}

/** The element's attributes from the page's query string, escaped. */
const fromQuery = (c: Context<AppEnv>, names: readonly string[]) =>
  names
    .flatMap((name) => {
      const value = c.req.query(name)
      return value && value.length <= 200 ? [` ${name}="${esc(value)}"`] : []
    })
    .join('')

const shell = (title: string, src: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>${FAVICON_LINK}<link rel="stylesheet" href="/pages.css">
<script type="module" src="${esc(src)}"></script></head>
<body>${body}</body></html>`

function demo(origin: string): string {
  const snippet = `<script src="${origin}/widget.js" type="module"></script>
<ceu-catalog api="${origin}" category="clinical" per-page="5"></ceu-catalog>
<ceu-planner api="${origin}"></ceu-planner>`
  const iframe = `<iframe src="${origin}/embed?category=clinical&amp;approval=AAMA" title="CE courses"
        width="100%" height="900"></iframe>`
  return `<header class="school"><p class="brand">Riverside Community College</p>
<nav aria-label="School"><a href="/">Home</a> <a href="/docs">API</a></nav></header>
<main class="school-main">
<p class="banner">Demo page: a made-up school showing how a site embeds recert. The sample courses on it are sample data.</p>
<h1>Medical Assisting: keep your certification</h1>
<p>Our graduates renew their CMA, RMA, NCMA or CCMA with continuing education. Search approved
courses below, or work out what you still need and the cheapest way to get it.</p>
<section aria-labelledby="catalog-h"><h2 id="catalog-h">Find a course</h2>
<ceu-catalog category="clinical" per-page="5"></ceu-catalog></section>
<section aria-labelledby="planner-h"><h2 id="planner-h">What do I still need?</h2>
<ceu-planner></ceu-planner></section>
<section aria-labelledby="embed-h"><h2 id="embed-h">Put this on your own site</h2>
<p>Copy these lines into any page. The widgets use no cookies and work under a strict
Content-Security-Policy; allow this host in <code>script-src</code> and <code>connect-src</code>.</p>
<pre><code>${esc(snippet)}</code></pre>
<p>Or embed the catalog as a frame:</p>
<pre><code>${esc(iframe)}</code></pre>
<p>Content-Security-Policy for the host page:</p>
<pre><code>${esc(`script-src 'self' ${origin}; connect-src 'self' ${origin}; style-src 'self'`)}</code></pre>
</section></main>
<footer class="school"><p>Riverside Community College is fictional. Course data: recert catalog.</p></footer>`
}

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>recert</title>${FAVICON_LINK}<link rel="stylesheet" href="/pages.css"></head>
<body><main class="school-main"><h1>recert</h1>
<p>Continuing-education catalog and recertification planner for medical assistants (CMA, RMA, NCMA, CCMA).</p>
<ul>
<li><a href="/demo">Demo: a school page embedding the catalog and the planner</a></li>
<li><a href="/embed">The catalog alone</a> (for an iframe; filters in the query string, e.g. <a href="/embed?category=clinical&amp;approval=AAMA"><code>/embed?category=clinical&amp;approval=AAMA</code></a>)</li>
<li><a href="/planner">The planner alone</a></li>
<li><a href="/docs">API reference</a> (<a href="/openapi.json">OpenAPI 3.1</a>)</li>
</ul></main></body></html>`

const PAGES_CSS = `
:root{color-scheme:light;font:1rem/1.5 system-ui,sans-serif;color:#1b1f24;background:#fff}
body{margin:0}
a{color:#0b5cad}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
main.bare{padding:.5rem}
.school-main{max-width:70rem;margin:0 auto;padding:1rem}
header.school,footer.school{background:#123b5c;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center}
header.school a,footer.school a{color:#fff}
header.school nav{display:flex;gap:1rem}
.brand{font-weight:700;font-size:1.2rem;margin:0}
.banner{background:#fff4d6;border:1px solid #b7791f;padding:.5rem .75rem;border-radius:.375rem}
section{margin:2rem 0}
pre{background:#f3f4f6;padding:.75rem;overflow-x:auto;border-radius:.375rem;white-space:pre-wrap;word-break:break-all}
ceu-catalog{display:block;min-height:36rem}
ceu-planner{display:block;min-height:24rem}
ceu-catalog{--ceu-accent:#0b5cad}
`
