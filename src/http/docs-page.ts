import { escapeHtml } from '../core/search/text.js'

type Json = Record<string, unknown>

/**
 * A static HTML rendering of the OpenAPI document: every route with its parameters, request body
 * and responses, and the schemas. No script and no CDN, so it works offline and under a strict CSP.
 */
export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>
  const routes = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => renderRoute(method, path, op)),
  )
  const schemaList = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<h3 id="schema-${esc(name)}">${esc(name)}</h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title ?? 'API'))} — reference</title><link rel="stylesheet" href="/docs.css"></head>
<body><main>
<h1>${esc(String(info.title ?? 'API'))} <small>${esc(String(info.version ?? ''))}</small></h1>
<p>${esc(String(info.description ?? ''))}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
${routes.join('\n')}
<h2>Schemas</h2>
${schemaList}
</main></body></html>`
}

function renderRoute(method: string, path: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[]
  const rows = params
    .map((p) => {
      const schema = (p.schema ?? {}) as Json
      return `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td><code>${esc(typeLabel(schema))}</code></td><td>${esc(String(p.description ?? schema.description ?? ''))}</td></tr>`
    })
    .join('')
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(
      ([status, r]) => `<li><code>${esc(status)}</code> ${esc(String(r.description ?? ''))}</li>`,
    )
    .join('')
  const body = op.requestBody
    ? `<h4>Request body</h4><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre>`
    : ''
  return `<section class="route"><h2><span class="method">${esc(method)}</span><code>${esc(path)}</code></h2>
<p>${esc(String(op.summary ?? ''))}</p>${op.description ? `<p>${esc(String(op.description))}</p>` : ''}
${rows ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${body}<h4>Responses</h4><ul>${responses}</ul></section>`
}

function typeLabel(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ')
  if (schema.type === 'array') return `${typeLabel((schema.items ?? {}) as Json)}[]`
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1) ?? ''
  const range = [schema.minimum, schema.maximum].every((v) => v !== undefined)
    ? ` ${schema.minimum}..${schema.maximum}`
    : ''
  return `${String(schema.type ?? 'any')}${range}`
}

const esc = escapeHtml
