/**
 * One mapping from schema.org to a catalog record. Only what the item states is kept: a field it
 * does not state stays unknown (`null`, empty), and no provider default is ever added.
 *
 * - title: `name`, else `alternateName`, `headline`, `courseCode`, or the first sentence of the
 *   description (schema.org's own Course examples omit `name`).
 * - sessions: the instances' (`hasCourseInstance`), the event's own dates, its `subEvent`s and its
 *   `eventSchedule`s, each with every location it names.
 * - price: see `statedPrice`; a price not in US dollars is kept as `listPrice` with `price: null`.
 * - hours: `timeRequired`, `courseWorkload`, `duration` as contact time (PT1H30M, "90 minutes");
 *   a calendar length (`P4Y`, "6 weeks") is not contact hours and stays unknown.
 * - credits and approvals: `numberOfCredits` and the credentials awarded
 *   (`educationalCredentialAwarded`, `occupationalCredentialAwarded`, with `recognizedBy`).
 * - format: see `formatOf`.
 */
import type {
  Course,
  CourseInstance,
  CreativeWork,
  EducationalOccupationalCredential,
  EducationalOccupationalProgram,
  Event,
  Offer,
  Place,
  PostalAddress,
  Thing,
} from 'schema-dts'
import type { Course as CatalogCourse, Format } from '../../core/catalog/schemas.js'
import {
  clean,
  formatIn,
  parseApprovals,
  parseApprovalsUntil,
  parseArea,
  parseCredits,
  parseDate,
  parseHours,
} from '../normalize.js'
import type { Item, Value } from './graph.js'
import { type StatedPrice, statedPrice } from './price.js'
import { scheduleDates } from './schedule.js'
import { enumName, items, kindOf, type RecordKind, text, textOf, values } from './schema.js'

/** Who the page says offers the course: its `provider`, an event's `organizer`, an offer's seller. */
export interface Party {
  name: string
  url?: string
}

/** A catalog course as the structured data states it, before it is given an id and a provider. */
export type StatedCourse = Omit<CatalogCourse, 'id' | 'provider' | 'source' | 'price'> & {
  price: StatedPrice | null
  code: string | null
  offeredBy: Party | null
  kind: RecordKind
}

type Session = NonNullable<CatalogCourse['sessions']>[number]

/** The record an item states, or null when it states none (no title, or not a course). */
export function readItem(item: Item, pageUrl: string): StatedCourse | null {
  const kind = kindOf(item)
  if (!kind || cancelled(item)) return null
  const title = titleOf(item)
  if (!title) return null
  const instances = [...items<Course>(item, 'hasCourseInstance'), ...items<Event>(item, 'subEvent')]
  const sessions = sessionsOf(item, instances)
  const credentials = [
    ...values<Course>(item, 'educationalCredentialAwarded'),
    ...values<EducationalOccupationalProgram>(item, 'occupationalCredentialAwarded'),
  ]
  const credentialText = credentials.map(credentialWords).join(' ')
  const approvalsUntil = parseApprovalsUntil(credentialText)
  const area =
    parseArea(values<CreativeWork>(item, 'about').map(textOf).join(' ')) ??
    parseArea(values<CreativeWork>(item, 'keywords').map(textOf).join(' '))
  const creditsText = values<Course>(item, 'numberOfCredits').map(amountWithUnit).join(' ')
  const description = clean(text<Thing>(item, 'description')).slice(0, 5_000)
  const url = absolute(text<Thing>(item, 'url') || item.id || '', pageUrl) ?? pageUrl
  const offers = [item, ...instances].flatMap((i) => items<Event>(i, 'offers'))
  return {
    title,
    ...(description && { description }),
    url,
    format: formatOf(item, instances, kind, sessions.length > 0),
    hours: hoursOf(item, instances),
    credits: parseCredits(creditsText || credentialText, area),
    approvals: parseApprovals(credentialText),
    ...(Object.keys(approvalsUntil).length > 0 && { approvalsUntil }),
    price: statedPrice(offers),
    ...(sessions.length > 0 && { sessions }),
    tags: values<CreativeWork>(item, 'keywords')
      .flatMap((k) => textOf(k).split(','))
      .map((k) => clean(k).toLowerCase())
      .filter((k) => k.length > 0 && k.length <= 60)
      .slice(0, 40),
    code: text<Course>(item, 'courseCode') || null,
    offeredBy: partyOf(item, offers),
    kind,
  }
}

function titleOf(item: Item): string {
  const named =
    text<Thing>(item, 'name') ||
    text<Thing>(item, 'alternateName') ||
    text<CreativeWork>(item, 'headline') ||
    text<Course>(item, 'courseCode')
  if (named) return clean(named).slice(0, 300)
  const description = clean(text<Thing>(item, 'description'))
  const sentence = /^(.{1,160}?[.!?])(\s|$)/.exec(description)?.[1] ?? description.slice(0, 160)
  return sentence.replace(/\.{2,}$|…$/, '').trim()
}

/** Every dated session: the item's own dates, its instances' and its schedules'. */
function sessionsOf(item: Item, instances: readonly Item[]): Session[] {
  const out: Session[] = []
  const own = locationsOf(item)
  for (const source of [item, ...instances]) {
    if (cancelled(source)) continue
    const start = parseDate(text<Event>(source, 'startDate'))
    if (!start) continue
    const end = parseDate(text<Event>(source, 'endDate'))
    const location = (source === item ? own : locationsOf(source)) || own
    out.push({
      start,
      ...(end && end > start && { end }),
      ...(location && { location }),
    })
  }
  for (const schedule of items<Event>(item, 'eventSchedule'))
    for (const start of scheduleDates(schedule)) out.push({ start, ...(own && { location: own }) })
  const unique = new Map(out.map((s) => [`${s.start}|${s.end ?? ''}|${s.location ?? ''}`, s]))
  return [...unique.values()].sort((a, b) => a.start.localeCompare(b.start)).slice(0, 200)
}

/** A cancelled event or instance offers nothing to take. */
const cancelled = (item: Item) =>
  values<Event>(item, 'eventStatus').some((v) => enumName(textOf(v)) === 'EventCancelled')

/** Every location named, in order: a place's name and town, "online" for a virtual one. */
function locationsOf(item: Item): string {
  const named = values<Event>(item, 'location').map((v) => placeName(v))
  return [...new Set(named.filter(Boolean))].join('; ').slice(0, 200)
}

function placeName(v: Value): string {
  if (typeof v === 'string') return clean(v)
  if (v.types.includes('VirtualLocation')) return 'online'
  const address = v.types.includes('PostalAddress') ? v : values<Place>(v, 'address')[0]
  const name = clean(text<Place>(v, 'name'))
  const town = address === undefined ? '' : townOf(address)
  return name && town && name.includes(town) ? name : [name, town].filter(Boolean).join(', ')
}

/** `"Denver, CO"` from a PostalAddress (its street when it names no town), or the text given. */
function townOf(address: Value): string {
  if (typeof address === 'string') return clean(address)
  const parts = [
    text<PostalAddress>(address, 'addressLocality'),
    text<PostalAddress>(address, 'addressRegion'),
  ].filter(Boolean)
  return [...new Set(parts)].join(', ') || clean(text<PostalAddress>(address, 'streetAddress'))
}

/** Contact time: an ISO 8601 time (PT2H) or "2 hours"; a calendar length stays unknown. */
function hoursOf(item: Item, instances: readonly Item[]): number | null {
  const stated = [
    text<CreativeWork>(item, 'timeRequired'),
    ...[item, ...instances].map((i) => text<CourseInstance>(i, 'courseWorkload')),
    text<Event>(item, 'duration'),
  ]
  for (const raw of stated) {
    const t = raw.trim()
    if (
      !t ||
      /^P(?!T)/i.test(t) ||
      /\bper\b|\/\s*(week|day|month)|weeks?|days?|months?|years?/i.test(t)
    )
      continue
    const hours = parseHours(t.replace(/^PT(?:(\d+)S)$/i, ''))
    if (hours !== null) return hours
  }
  return null
}

const ONLINE = /\b(online|distance|remote|virtual|e-?learning|mooc|web-?based)\b/i
const SELF_PACED = /\b(self[-\s]?(study|paced)|on[-\s]?demand|correspondence|posted)\b/i

/**
 * The catalog format: the words the page uses first (webinar, workshop, seminar, conference,
 * self-study), then its modes (`courseMode`, `educationalProgramMode`, `eventAttendanceMode`):
 * an online course is `online`, a live online event a `webinar`; a college course is `college`;
 * a course with no dated session is taken on demand (`online`); any other dated, in-person
 * session is a `seminar`, or a `conference` when schema.org types it so.
 */
export function formatOf(
  item: Item,
  instances: readonly Item[],
  kind: RecordKind,
  dated: boolean,
): Format {
  const named = formatIn(`${text<Thing>(item, 'name')} ${item.types.join(' ')}`)
  if (named) return named
  const modes = [item, ...instances]
    .flatMap((i) => [
      ...values<CourseInstance>(i, 'courseMode'),
      ...values<EducationalOccupationalProgram>(i, 'educationalProgramMode'),
      ...values<Event>(i, 'eventAttendanceMode'),
    ])
    .map((v) => enumName(textOf(v)))
    .join(' ')
  const online = ONLINE.test(modes) || /^Online/.test(modes)
  if (SELF_PACED.test(modes) && !online) return 'self-study'
  if (online || /OnlineEventAttendanceMode/.test(modes))
    return kind === 'event' || (dated && !SELF_PACED.test(modes)) ? liveOnline(kind) : 'online'
  if (item.types.includes('ConferenceEvent')) return 'conference'
  const provider = items<Course>(item, 'provider')[0]
  if (provider?.types.some((t) => t === 'CollegeOrUniversity')) return 'college'
  return dated || kind === 'event' ? 'seminar' : 'online'
}

const liveOnline = (kind: RecordKind): Format => (kind === 'event' ? 'webinar' : 'online')

/** A credential as words: its name, category and who recognises it. */
function credentialWords(v: Value): string {
  if (typeof v === 'string') return v
  return [
    textOf(v),
    text<EducationalOccupationalCredential>(v, 'credentialCategory'),
    ...values<EducationalOccupationalCredential>(v, 'recognizedBy').map(textOf),
  ].join(' ')
}

/** `numberOfCredits`: a number, or a StructuredValue with a value and a unit. */
function amountWithUnit(v: Value): string {
  if (typeof v === 'string') return v
  return `${textOf(v.props.value?.[0] ?? '')} ${textOf(v.props.unitText?.[0] ?? '')}`
}

function partyOf(item: Item, offers: readonly Item[]): Party | null {
  const candidates = [
    ...values<Course>(item, 'provider'),
    ...values<Event>(item, 'organizer'),
    ...offers.flatMap((o) => values<Offer>(o, 'offeredBy')),
  ]
  for (const v of candidates) {
    const name = textOf(v)
    if (!name) continue
    const url = typeof v === 'string' ? undefined : text<Thing>(v, 'url')
    return { name, ...(url && { url }) }
  }
  return null
}

function absolute(url: string, base: string): string | null {
  if (!url) return null
  try {
    const u = new URL(url, base)
    return /^https?:$/.test(u.protocol) ? u.toString() : null
  } catch {
    return null
  }
}
