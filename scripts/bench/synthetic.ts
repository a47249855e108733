/**
 * Seeded synthetic catalogs and query logs for benchmarks. Text is drawn from a vocabulary of
 * several thousand words (real medical-assisting words first, then made-up ones) with a Zipf
 * distribution, so a few words appear in a large share of the catalog, as in real text.
 */
import type { Approval, Catalog, Category, Course, Format } from '../../src/core/catalog/schemas.js'
import { FORMATS } from '../../src/core/catalog/schemas.js'
import type { SearchParams } from '../../src/core/search/query.js'

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const STOPWORDS = ['the', 'and', 'of', 'for', 'in', 'to', 'with', 'a', 'on', 'your']
const DOMAIN = `patient care medical assistant clinical office health safety training review
  basics essentials update advanced skills practice management documentation coding billing
  insurance claims privacy hipaa osha infection control vaccine immunization phlebotomy
  venipuncture specimen laboratory urinalysis glucose diabetes cardiology ekg rhythm heart blood
  pressure vital signs pulse oximetry respiratory asthma spirometry pediatric child geriatric
  older adult fall screening nutrition weight wound dressing suture injection medication
  pharmacology dosage allergy anaphylaxis emergency first aid cpr resuscitation seizure stroke
  neurology gastroenterology colonoscopy urology catheter dermatology skin vision hearing
  orthopedic splint crutch radiography radiation ethics law scope professionalism communication
  literacy education culture interpreter terminology anatomy physiology behavioral depression
  anxiety teamwork conflict burnout stress wellness service experience complaint abuse violence
  reporting hiv aids public opioid leadership precepting chronic coordination transition
  telehealth virtual scheduling appointment registration verification inventory supplies
  compliance medicare fraud quality measures population authorization records retention
  release portal messaging sterilization disinfection hygiene precautions exposure needlestick
  bloodborne pathogens hazard communication`
  .split(/\s+/)
  .filter(Boolean)

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** A vocabulary of `size` words in frequency rank order. */
export function vocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>([...STOPWORDS, ...DOMAIN])
  while (words.size < size) {
    const length = 4 + Math.floor(random() * 8)
    let word = ''
    for (let i = 0; i < length; i++) word += LETTERS[Math.floor(random() * 26)]
    words.add(word)
  }
  // Interleave: stopwords most frequent, then domain words spread over the head and body.
  const domain = [...DOMAIN]
  const invented = [...words].filter((w) => !STOPWORDS.includes(w) && !DOMAIN.includes(w))
  const ranked = [...STOPWORDS]
  while (domain.length > 0 || invented.length > 0) {
    if (domain.length > 0) ranked.push(domain.shift() as string)
    for (let k = 0; k < 3 && invented.length > 0; k++) ranked.push(invented.shift() as string)
  }
  return ranked
}

export function zipfSampler(words: readonly string[], random: () => number): () => string {
  const cumulative = new Float64Array(words.length)
  let sum = 0
  for (let i = 0; i < words.length; i++) {
    sum += 1 / (i + 1)
    cumulative[i] = sum
  }
  return () => {
    const u = random() * sum
    let lo = 0
    let hi = words.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) < u) lo = mid + 1
      else hi = mid
    }
    return words[lo] as string
  }
}

const APPROVAL_SETS: Approval[][] = [
  ['AAMA', 'AMT', 'NHA'],
  ['AAMA'],
  ['AMT', 'NHA', 'NCCT'],
  [],
  ['NHA'],
  ['AAMA', 'ARMA'],
]
const CATEGORY_LIST: Category[] = ['administrative', 'clinical', 'general']

export interface SyntheticData {
  catalog: Catalog
  words: string[]
}

export function syntheticCatalog(size: number, seed = 42): SyntheticData {
  const random = rng(seed)
  const words = vocabulary(6_000, random)
  const word = zipfSampler(words, random)
  const phrase = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, word).join(' ')
  const providers = Array.from({ length: 25 }, (_, i) => ({
    id: `provider-${i}`,
    name: `Provider ${i} ${word()}`,
  }))
  const courses: Course[] = []
  for (let i = 0; i < size; i++) {
    const hours = [0.5, 1, 1, 1, 1.5, 2, 3, 4, 6][Math.floor(random() * 9)] as number
    const split = random()
    const credits: Course['credits'] = {}
    if (split < 0.8) credits[CATEGORY_LIST[Math.floor(random() * 3)] as Category] = hours
    else {
      credits.clinical = hours / 2
      credits.general = hours / 2
    }
    const format = FORMATS[Math.floor(random() * 7)] as Format
    const scheduled = format === 'seminar' || format === 'conference' || format === 'workshop'
    const day = 1 + Math.floor(random() * 28)
    const month = 1 + Math.floor(random() * 12)
    courses.push({
      id: `course-${i}`,
      provider: (providers[Math.floor(random() ** 2 * providers.length)] as { id: string }).id,
      title: phrase(3, 8),
      description: phrase(20, 60),
      format,
      hours,
      credits,
      approvals: APPROVAL_SETS[Math.floor(random() * APPROVAL_SETS.length)] as Approval[],
      price: random() < 0.05 ? null : Math.round(random() * 60 * 100) / 100,
      tags: Array.from({ length: 1 + Math.floor(random() * 4) }, word),
      source: { confidence: 'sample' },
      ...(scheduled && {
        sessions: [
          { start: `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` },
        ],
      }),
    })
  }
  return {
    catalog: {
      providers,
      offers: [],
      credentials: [],
      courses,
      synonyms: [
        ['ekg', 'ecg', 'electrocardiogram'],
        ['cpr', 'bls', 'basic life support'],
        ['phlebotomy', 'venipuncture', 'blood draw'],
        ['hipaa', 'privacy'],
        ['osha', 'safety'],
      ],
    },
    words,
  }
}

const SORT_MIX: SearchParams['sort'][] = [
  'relevance',
  'relevance',
  'relevance',
  'relevance',
  'price',
  'credits',
  'value',
  'title',
]

function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2))
  const kind = Math.floor(random() * 3)
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1) // deletion
  if (kind === 1) return word.slice(0, at) + LETTERS[Math.floor(random() * 26)] + word.slice(at + 1)
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1) // transposition
}

/**
 * A query log: broad words (the most frequent non-stopwords), rare words, prefixes, typos,
 * two-word queries, filter-only browsing; about half with filters, a third sorted otherwise
 * than by relevance.
 */
export function syntheticQueries(
  words: readonly string[],
  count: number,
  seed = 7,
): SearchParams[] {
  const random = rng(seed)
  const content = words.slice(STOPWORDS.length)
  const pickFrom = (from: number, to: number) =>
    content[from + Math.floor(random() * (to - from))] as string
  const queries: SearchParams[] = []
  for (let i = 0; i < count; i++) {
    const kind = i % 6
    let q: string | undefined
    if (kind === 0)
      q = pickFrom(0, 20) // broad: matches a large share of the catalog
    else if (kind === 1)
      q = pickFrom(500, 5_000) // rare
    else if (kind === 2)
      q = pickFrom(0, 2_000).slice(0, 3 + Math.floor(random() * 3)) // prefix
    else if (kind === 3) {
      let w = pickFrom(0, 1_000)
      while (w.length < 6) w = pickFrom(0, 1_000)
      q = typo(w, random)
    } else if (kind === 4) q = `${pickFrom(0, 200)} ${pickFrom(0, 1_500)}` // two words
    const params: SearchParams = {
      sort: 'relevance',
      page: 1,
      perPage: 20,
      ...(q !== undefined && { q }),
    }
    if (random() < 0.5 || q === undefined) {
      const r = random()
      if (r < 0.3) params.category = [CATEGORY_LIST[Math.floor(random() * 3)] as Category]
      else if (r < 0.5) params.approval = ['AAMA']
      else if (r < 0.65) params.format = ['online', 'self-study']
      else if (r < 0.8) params.maxPrice = 20
      else {
        params.category = ['clinical']
        params.approval = ['AAMA', 'NHA']
        params.maxHours = 2
      }
    }
    if (random() < 0.35)
      params.sort = SORT_MIX[Math.floor(random() * SORT_MIX.length)] as SearchParams['sort']
    if (random() < 0.1) params.page = 2
    queries.push(params)
  }
  return queries
}
