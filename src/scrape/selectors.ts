/**
 * Reading a page without schema.org data through a recipe's CSS selectors (cheerio): one course
 * per `item` match (or the page), each field normalised as every parser does.
 */
import { type Cheerio, load } from 'cheerio'
import type { AnyNode } from 'domhandler'
import type { Course } from '../core/catalog/schemas.js'
import {
  clean,
  parseApprovals,
  parseArea,
  parseCredits,
  parseDate,
  parseFormat,
  parseHours,
  parsePrice,
  stableId,
} from './normalize.js'
import type { Selectors } from './recipes.js'
import type { Page } from './types.js'

export function parseWithSelectors(page: Page, provider: string, s: Selectors): Course[] {
  const $ = load(page.html)
  const scopes = s.item
    ? $(s.item)
        .toArray()
        .map((el) => $(el))
    : [$.root()]
  return scopes.flatMap((scope) => {
    const read = (sel: string | undefined) => (sel ? readField(scope, sel) : '')
    const title = read(s.title)
    if (!title) return []
    const description = read(s.description).slice(0, 5_000)
    const href = read(s.url)
    const code = read(s.code)
    const credits = read(s.credits)
    const start = parseDate(read(s.start))
    const end = parseDate(read(s.end))
    const location = read(s.location).slice(0, 200)
    const course: Course = {
      id: stableId(provider, code || title),
      provider,
      title: title.slice(0, 300),
      ...(description && { description }),
      url: href ? new URL(href, page.url).toString() : page.url,
      format: parseFormat(read(s.format) || title, start ? 'seminar' : 'online'),
      hours: parseHours(read(s.hours)),
      credits: parseCredits(credits, parseArea(read(s.area)) ?? parseArea(credits)),
      approvals: parseApprovals(read(s.approvals)),
      price: parsePrice(read(s.price)),
      ...(start && {
        sessions: [{ start, ...(end && end > start && { end }), ...(location && { location }) }],
      }),
      tags: [],
      source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
    }
    return [course]
  })
}

/** `selector` gives the text of the first match; `selector@attr` its attribute. */
function readField(scope: Cheerio<AnyNode>, spec: string): string {
  const at = spec.lastIndexOf('@')
  const [sel, attr] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, null]
  const found = scope.find(sel).first()
  const node = found.length > 0 ? found : scope.is(sel) ? scope : found
  return clean(attr ? node.attr(attr) : node.text())
}
