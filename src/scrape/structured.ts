/**
 * A generic reader of schema.org structured data, JSON-LD and microdata, for `Course`,
 * `CourseInstance`, `Event`, `EducationEvent` and their `Offer`s. Every provider page goes
 * through it first; a page without such data goes to its provider's own parser.
 */
import { type CheerioAPI, load } from 'cheerio'
import type { Element } from 'domhandler'
import type { Course } from '../core/catalog/schemas.js'
import {
  clean,
  parseApprovals,
  parseApprovalsUntil,
  parseArea,
  parseCredits,
  parseDate,
  parseFormat,
  parseHours,
  parsePrice,
  stableId,
} from './normalize.js'
import type { Page } from './types.js'

type Thing = Record<string, unknown>

const COURSE_TYPES = ['Course', 'CourseInstance', 'Event', 'EducationEvent']

/** Every schema.org item on the page, JSON-LD first, then microdata, as plain objects. */
export function structuredItems(html: string): Thing[] {
  const $ = load(html)
  const out: Thing[] = []
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      out.push(...flatten(JSON.parse($(el).text())))
    } catch {
      // Malformed JSON-LD is skipped; the rest of the page may still be read.
    }
  })
  $('[itemscope][itemtype]').each((_, el) => {
    if ($(el).parents('[itemscope]').length === 0) out.push(microdata($, el))
  })
  return out
}

function flatten(data: unknown): Thing[] {
  if (Array.isArray(data)) return data.flatMap(flatten)
  if (!data || typeof data !== 'object') return []
  const thing = data as Thing
  if (Array.isArray(thing['@graph'])) return flatten(thing['@graph'])
  return [thing]
}

/** A microdata item as a JSON-LD-like object (`@type` from `itemtype`). */
function microdata($: CheerioAPI, scope: Element): Thing {
  const type = ($(scope).attr('itemtype') ?? '').split('/').pop() ?? ''
  const thing: Thing = { '@type': type }
  $(scope)
    .find('[itemprop]')
    .each((_, el) => {
      // Only properties of this item, not of items nested in it.
      const owner = $(el).parent().closest('[itemscope]')[0]
      if (owner !== scope) return
      const name = $(el).attr('itemprop') as string
      const value = $(el).is('[itemscope]') ? microdata($, el) : propertyValue($, el)
      const existing = thing[name]
      thing[name] =
        existing === undefined
          ? value
          : [...(Array.isArray(existing) ? existing : [existing]), value]
    })
  return thing
}

function propertyValue($: CheerioAPI, el: Element): string {
  const $el = $(el)
  return clean(
    $el.attr('content') ??
      $el.attr('datetime') ??
      $el.attr('href') ??
      $el.attr('src') ??
      $el.text(),
  )
}

const list = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]
const text = (v: unknown): string => {
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  if (v && typeof v === 'object') {
    const t = v as Thing
    return text(t.name ?? t.value ?? t.alternateName ?? '')
  }
  return ''
}
const typeOf = (t: Thing) => list(t['@type']).map(String)

/**
 * Course records from the page's structured data, for `provider`; empty when there is none.
 * Offers give the list price (the non-member one when several are named).
 */
export function readStructured(
  page: Page,
  provider: string,
  defaults: Partial<Course> = {},
): Course[] {
  const things = structuredItems(page.html).filter((t) =>
    typeOf(t).some((x) => COURSE_TYPES.includes(x)),
  )
  return things.flatMap((t) => {
    const title = clean(text(t.name))
    if (!title) return []
    const isEvent = typeOf(t).some((x) => x.includes('Event'))
    const instances = [
      t,
      ...list(t.hasCourseInstance).filter((i): i is Thing => typeof i === 'object'),
    ]
    const sessions = instances.flatMap((i) => {
      const start = parseDate(text(i.startDate))
      if (!start) return []
      const end = parseDate(text(i.endDate))
      const location = locationOf(i.location)
      return [{ start, ...(end && end !== start && { end }), ...(location && { location }) }]
    })
    const credentialText = [
      t.educationalCredentialAwarded,
      t.numberOfCredits,
      t.about,
      t.description,
    ]
      .map(text)
      .join(' ')
    const area = parseArea(text(t.about)) ?? parseArea(list(t.keywords).map(text).join(' '))
    const credits = parseCredits(creditsText(t) || credentialText, area)
    const approvalText = [
      ...list(t.accreditedBy),
      ...list(t.recognizedBy),
      t.educationalCredentialAwarded,
    ]
      .map(text)
      .join(' ')
    const approvals = parseApprovals(approvalText)
    const approvalsUntil = parseApprovalsUntil(`${approvalText} ${credentialText}`)
    const url = text(t.url) || page.url
    const code = text(t.courseCode)
    const hours = parseHours(text(t.timeRequired)) ?? parseHours(credentialText)
    const course: Course = {
      id: stableId(provider, code || title),
      provider,
      title,
      ...(clean(text(t.description)) && {
        description: clean(text(t.description)).slice(0, 5_000),
      }),
      url: new URL(url, page.url).toString(),
      format: parseFormat(
        [text(t.courseMode), ...instances.map((i) => text(i.courseMode))].join(' ') ||
          (isEvent ? 'conference' : ''),
        defaults.format ?? (isEvent ? 'conference' : 'online'),
      ),
      hours,
      credits,
      approvals: approvals.length > 0 ? approvals : (defaults.approvals ?? []),
      ...(Object.keys(approvalsUntil).length > 0 && { approvalsUntil }),
      price: listPrice(t.offers),
      ...(sessions.length > 0 && { sessions }),
      tags: list(t.keywords)
        .flatMap((k) => text(k).split(','))
        .map((k) => clean(k).toLowerCase())
        .filter((k) => k.length > 0 && k.length <= 60)
        .slice(0, 40),
      source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
    }
    return [course]
  })
}

/** `numberOfCredits` as text: a number, or a StructuredValue with a value and a unit. */
function creditsText(t: Thing): string {
  return list(t.numberOfCredits)
    .map((c) =>
      c && typeof c === 'object'
        ? `${text((c as Thing).value)} ${text((c as Thing).unitText ?? (c as Thing).name ?? '')}`
        : text(c),
    )
    .join(' ')
}

function locationOf(v: unknown): string | null {
  const place = list(v)[0]
  if (!place) return null
  if (typeof place === 'string') return clean(place)
  const p = place as Thing
  const address = p.address
  if (address && typeof address === 'object') {
    const a = address as Thing
    const parts = [text(a.addressLocality), text(a.addressRegion)].filter(Boolean)
    if (parts.length > 0) return parts.join(', ')
  }
  return clean(text(address) || text(p.name)) || null
}

/** The list price of a set of offers: the non-member one when named, else the highest. */
function listPrice(offers: unknown): number | null {
  const all = list(offers).filter((o): o is Thing => typeof o === 'object' && o !== null)
  const priced = all.flatMap((o) => {
    const price =
      typeof o.price === 'number' ? o.price : parsePrice(text(o.price) ? `$${text(o.price)}` : '')
    if (price === null || Number.isNaN(price)) return []
    const who = [o.name, o.category, o.eligibleCustomerType, o.description].map(text).join(' ')
    return [
      { price, nonMember: /non[-\s]?member/i.test(who), member: /(?<!non[-\s]?)member/i.test(who) },
    ]
  })
  const nonMember = priced.find((p) => p.nonMember)
  if (nonMember) return nonMember.price
  const general = priced.filter((p) => !p.member)
  const pool = general.length > 0 ? general : priced
  return pool.length > 0 ? Math.max(...pool.map((p) => p.price)) : null
}
