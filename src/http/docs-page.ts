import { escapeHtml } from '../core/search/text.js'
import { FAVICON_LINK } from './favicon.js'

type Json = Record<string, unknown>

/**
 * A static HTML rendering of the OpenAPI document: every route with its parameters, request body
 * and responses, and the schemas. No script and no CDN, so it works offline and under a strict CSP.
 */
export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op, id: anchor(method, path) })),
  )
  const routes = operations.map(({ method, path, op, id }) => renderRoute(method, path, op, id))
  const contents = operations
    .map(
      ({ method, path, id }) =>
        `<li><a href="#${id}"><span class="method">${esc(method)}</span> <code>${esc(path)}</code></a></li>`,
    )
    .join('')
  const schemaList = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<details id="schema-${esc(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title ?? 'API'))} — reference</title>${FAVICON_LINK}<link rel="stylesheet" href="/docs.css"></head>
<body><a class="skip" href="#routes">Skip to the routes</a>
<header><h1>${esc(String(info.title ?? 'API'))} <small>${esc(String(info.version ?? ''))}</small></h1>
<p>${esc(String(info.description ?? ''))}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457). <a href="/">Home</a> · <a href="/demo">Widget demo</a></p></header>
<nav aria-labelledby="contents-h"><h2 id="contents-h">Routes</h2><ul class="contents">${contents}<li><a href="#schemas-h">Schemas</a></li></ul></nav>
<main id="routes">
${routes.join('\n')}
<h2 id="schemas-h">Schemas</h2>
${schemaList}
</main></body></html>`
}

/** `get /v1/courses/{id}` -> `get-v1-courses-id`. */
const anchor = (method: string, path: string) =>
  `${method}-${path}`
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/-+$/, '')
    .toLowerCase()

function renderRoute(method: string, path: string, op: Json, id: string): string {
  const params = (op.parameters ?? []) as Json[]
  const rows = params
    .map((p) => {
      const schema = (p.schema ?? {}) as Json
      return `<dt><code class="name">${esc(String(p.name))}</code> <span class="in">in ${esc(String(p.in))}${p.required ? ', required' : ''}</span> <code class="type">${esc(typeLabel(schema))}</code></dt><dd>${prose(p.description ?? schema.description)}</dd>`
    })
    .join('')
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(
      ([status, r]) => `<li><code>${esc(status)}</code> ${esc(String(r.description ?? ''))}</li>`,
    )
    .join('')
  const body = op.requestBody ? `<h3>Request body</h3>${renderBody(op.requestBody as Json)}` : ''
  return `<section class="route" id="${id}"><h2><span class="method">${esc(method)}</span><code>${esc(path)}</code></h2>
<p>${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ''}
${rows ? `<h3>Parameters</h3><dl class="params">${rows}</dl>` : ''}
${body}<h3>Responses</h3><ul>${responses}</ul></section>`
}

/** A request body: a link to its schema per media type, or the raw JSON when it has none. */
function renderBody(body: Json): string {
  const content = (body.content ?? {}) as Record<string, { schema?: Json }>
  const items = Object.entries(content).map(([media, { schema }]) => {
    const ref = typeof schema?.$ref === 'string' ? (schema.$ref.split('/').at(-1) ?? '') : ''
    return ref
      ? `<li><code>${esc(media)}</code>: <a href="#schema-${esc(ref)}">${esc(ref)}</a></li>`
      : `<li><code>${esc(media)}</code><pre>${esc(JSON.stringify(schema ?? {}, null, 2))}</pre></li>`
  })
  return `<ul>${items.join('')}</ul>`
}

/** Escaped text with its \`backticked\` words set as code. */
const prose = (text: unknown) => esc(String(text ?? '')).replace(/`([^`]+)`/g, '<code>$1</code>')

function typeLabel(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ')
  if (schema.type === 'array') {
    const item = typeLabel((schema.items ?? {}) as Json)
    return item.includes(' ') ? `(${item})[]` : `${item}[]`
  }
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1) ?? ''
  const range = [schema.minimum, schema.maximum].every((v) => v !== undefined)
    ? ` ${schema.minimum}..${schema.maximum}`
    : ''
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any')
  return `${type}${range}`
}

const esc = escapeHtml
