import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { renderDocs } from '../docs-page.js'
import type { AppEnv } from '../router.js'

const INFO = {
  title: 'recert API',
  version: '1.0.0',
  description:
    'Continuing-education catalog and recertification planner for medical assistants (CMA, RMA, NCMA, CCMA).',
}

/** `/openapi.json` (OpenAPI 3.1, generated from the zod schemas) and `/docs`, its rendering. */
export function docsRoutes(app: OpenAPIHono<AppEnv>) {
  let cached: ReturnType<typeof app.getOpenAPI31Document> | null = null
  const document = () => {
    cached ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO })
    return cached
  }
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(document()))
    .get('/docs', (c) => {
      // A page of text and one stylesheet: nothing else may load.
      c.header(
        'content-security-policy',
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
      )
      return c.html(renderDocs(document() as unknown as Record<string, unknown>))
    })
    .get('/docs.css', (c) =>
      c.body(DOCS_CSS, 200, {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      }),
    )
}

// Narrow screens: long paths, types and JSON wrap inside their boxes instead of widening the page.
const DOCS_CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; margin: .5rem 0; } h2 { font-size: 1.3rem; } h3 { font-size: 1.05rem; }
code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
pre { background: #8881; padding: .75rem; border-radius: .25rem; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: LinkText; }
:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.skip { position: absolute; left: -100vw; } .skip:focus { position: static; }
.contents { columns: 18rem; padding-left: 1.25rem; }
.contents li { break-inside: avoid; padding: .15rem 0; }
.route { border-top: 1px solid #8884; padding-top: 1rem; margin-top: 1.5rem; }
.method { font-weight: 700; text-transform: uppercase; margin-right: .5rem; }
.params { margin: 0; }
.params dt { border-top: 1px solid #8883; padding-top: .4rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; }
.params .name { font-weight: 700; } .params .in { font-size: .9em; opacity: .85; }
.params dd { margin: .15rem 0 .5rem 0; }
summary { cursor: pointer; padding: .35rem 0; font-weight: 600; min-height: 24px; }
`
