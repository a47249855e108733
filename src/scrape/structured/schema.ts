/**
 * Which schema.org types the scraper reads as catalog records, and typed access to an item's
 * properties: property names are checked against schema.org's own TypeScript typings
 * (`schema-dts`), so a misspelt property fails to compile.
 */
import type {
  Course,
  EducationalOccupationalProgram,
  Event,
  Thing as SchemaThing,
} from 'schema-dts'
import type { Item, Value } from './graph.js'

/**
 * Every `Event` type schema.org defines, and what the scraper makes of it: `live` is a dated
 * session someone can attend for continuing education; `not-education` is entertainment, sport,
 * commerce or a broadcast, never a course. Typed as a record over schema.org's own list, so a new
 * event type in the typings fails to compile until it is classified here.
 */
export const EVENT_TYPES: Record<Event['@type'], 'live' | 'not-education'> = {
  Event: 'live',
  BusinessEvent: 'live',
  ChildrensEvent: 'live',
  ConferenceEvent: 'live',
  CourseInstance: 'live',
  EducationEvent: 'live',
  EventSeries: 'live',
  Hackathon: 'live',
  LiteraryEvent: 'live',
  SocialEvent: 'live',
  ComedyEvent: 'not-education',
  DanceEvent: 'not-education',
  DeliveryEvent: 'not-education',
  ExhibitionEvent: 'not-education',
  Festival: 'not-education',
  FoodEvent: 'not-education',
  MusicEvent: 'not-education',
  PerformingArtsEvent: 'not-education',
  PublicationEvent: 'not-education',
  BroadcastEvent: 'not-education',
  OnDemandEvent: 'not-education',
  SaleEvent: 'not-education',
  ScreeningEvent: 'not-education',
  SportsEvent: 'not-education',
  TheaterEvent: 'not-education',
  UserInteraction: 'not-education',
  UserBlocks: 'not-education',
  UserCheckins: 'not-education',
  UserComments: 'not-education',
  UserDownloads: 'not-education',
  UserLikes: 'not-education',
  UserPageVisits: 'not-education',
  UserPlays: 'not-education',
  UserPlusOnes: 'not-education',
  UserTweets: 'not-education',
  VisualArtsEvent: 'not-education',
}

/** Types read as something one takes at any time or on its instances' dates. */
export const COURSE_TYPES: readonly (Course['@type'] | EducationalOccupationalProgram['@type'])[] =
  ['Course', 'EducationalOccupationalProgram', 'WorkBasedProgram']

/** Containers whose members are the page's records (a list of courses, a page about one). */
export const CONTAINER_PROPERTIES = ['itemListElement', 'item', 'mainEntity', 'hasPart'] as const

const isEventType = (t: string): t is Event['@type'] => Object.hasOwn(EVENT_TYPES, t)

export type RecordKind = 'course' | 'event'

/** What an item is to the catalog: a course, a live event, or neither. */
export function kindOf(item: Item): RecordKind | null {
  if (item.types.some((t) => (COURSE_TYPES as readonly string[]).includes(t))) return 'course'
  const events = item.types.filter(isEventType)
  if (events.length > 0 && events.every((t) => EVENT_TYPES[t] === 'live')) return 'event'
  return null
}

type PropertyOf<T> = Exclude<T extends unknown ? keyof T & string : never, `@${string}`>

/** The values of a property named as schema.org's typings of `T` name it. */
export function values<T extends SchemaThing>(item: Item, name: PropertyOf<T>): Value[] {
  return item.props[name] ?? []
}

/** The nested items among a property's values. */
export function items<T extends SchemaThing>(item: Item, name: PropertyOf<T>): Item[] {
  return values<T>(item, name).filter((v): v is Item => typeof v !== 'string')
}

/** A property's first text: a literal, or a nested item's `name`. */
export function text<T extends SchemaThing>(item: Item, name: PropertyOf<T>): string {
  for (const v of values<T>(item, name)) {
    const t = textOf(v)
    if (t) return t
  }
  return ''
}

/** Text of a value: itself, or an item's name (or its `value`, for a PropertyValue). */
export function textOf(v: Value): string {
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim()
  const first = v.props.name?.[0] ?? v.props.value?.[0]
  return first === undefined ? '' : textOf(first)
}

/** A schema.org enumeration member without its vocabulary (`https://schema.org/Online…` -> `Online…`). */
export const enumName = (v: string) => v.replace(/^https?:\/\/schema\.org\//, '').trim()
