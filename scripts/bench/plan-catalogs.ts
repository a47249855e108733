/**
 * The plan benchmark's seeded catalogs and transcripts (sample data, invented).
 *
 * "realistic": four offers (two all-course subscriptions, a 50% discount, a self-study
 * discount), 60% of courses AAMA-approved, near-equal prices, split-category courses.
 *
 * "hard": the cheap courses are not AAMA-approved, nothing is free, and three offers change
 * prices the way the real ones do: an all-courses membership at $29.95 (provider "ace"), an
 * all-access subscription at $249 (provider "relias") and a membership with 50% off one
 * provider's self-study courses ($97, provider "aama"). Transcripts are CMA (AAMA) ones with a
 * few prior activities.
 */
import type { Category, Course, Offer } from '../../src/core/catalog/schemas.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { rng } from './synthetic.js'

const AREAS: Category[] = ['administrative', 'clinical', 'general']

const sample = { confidence: 'sample' } as const

/** One or two areas: a split course gives half its hours to the next area. */
function creditsOf(random: () => number, hours: number): Course['credits'] {
  const split = random() < 0.3
  const area = AREAS[Math.floor(random() * 3)] as Category
  return split
    ? { [area]: hours / 2, [AREAS[(AREAS.indexOf(area) + 1) % 3] as Category]: hours / 2 }
    : { [area]: hours }
}

const HOURS = [1, 1, 1.5, 2, 2, 3, 4]
const RATES = [6, 8, 10, 12, 15]

export const REALISTIC_OFFERS: Offer[] = [
  {
    id: 'sub-p0',
    provider: 'p0',
    name: 'p0 all courses',
    price: 49,
    coursePrice: { provider: 'p0', price: 0 },
  },
  {
    id: 'sub-p1',
    provider: 'p1',
    name: 'p1 all courses',
    price: 79,
    coursePrice: { provider: 'p1', price: 0 },
  },
  {
    id: 'disc-p2',
    provider: 'p2',
    name: 'p2 half price',
    price: 25,
    courseDiscount: { provider: 'p2', percent: 50 },
  },
  {
    id: 'disc-p3',
    provider: 'p3',
    name: 'p3 self-study',
    price: 15,
    courseDiscount: { provider: 'p3', formats: ['self-study'], percent: 40 },
  },
]

/** `size` courses over twelve providers, 60% approved; the four offers above. */
export function realisticCatalog(
  size: number,
  seed: number,
): { courses: Course[]; offers: Offer[] } {
  const random = rng(seed)
  const courses: Course[] = []
  for (let i = 0; i < size; i++) {
    const provider = `p${Math.floor(random() ** 2 * 12)}`
    const hours = HOURS[Math.floor(random() * HOURS.length)] as number
    const credits = creditsOf(random, hours)
    // Near-equal prices: a few base rates per hour with small cent-level differences.
    const rate = RATES[Math.floor(random() * RATES.length)] as number
    const price = Math.round((hours * rate + random() * 2) * 100) / 100
    const approved = random() < 0.6
    courses.push({
      id: `c${i}`,
      provider,
      title: `Course ${i}`,
      format: random() < 0.2 ? 'self-study' : 'online',
      hours,
      credits,
      approvals: approved ? ['AAMA'] : [],
      price,
      tags: [],
      source: sample,
    })
  }
  return { courses, offers: REALISTIC_OFFERS }
}

export const HARD_OFFERS: Offer[] = [
  {
    id: 'ace-membership',
    provider: 'ace',
    name: 'ACE annual membership (sample)',
    price: 29.95,
    coursePrice: { provider: 'ace', price: 0 },
    source: sample,
  },
  {
    id: 'relias-all-access',
    provider: 'relias',
    name: 'Relias all-access (sample)',
    price: 249,
    coursePrice: { provider: 'relias', price: 0 },
    source: sample,
  },
  {
    id: 'aama-membership',
    provider: 'aama',
    name: 'AAMA membership (sample)',
    price: 97,
    courseDiscount: { provider: 'aama', formats: ['self-study'], percent: 50 },
    source: sample,
  },
]

/**
 * `count` more offers for the hard catalog (at most 9, so 12 in all: the most the planner
 * weighs): a 20-50% discount on each of the providers p0, p1, ... (every course of theirs), at
 * $10, $17, $24, ... or, `cheap`, at $3, $4, $5, ... (so that nearly every choice of offers
 * costs less than the best plan). What `npm run bench -- plan --extra-offers N` adds.
 */
export function extraOffers(count: number, cheap: boolean): Offer[] {
  return Array.from({ length: Math.min(9, count) }, (_, k) => ({
    id: `discount-p${k}`,
    provider: `p${k}`,
    name: `p${k} ${20 + (k % 4) * 10}% off (sample)`,
    price: cheap ? 3 + k : 10 + 7 * k,
    courseDiscount: { provider: `p${k}`, percent: 20 + (k % 4) * 10 },
    source: sample,
  }))
}

/** The provider of the hard catalog's course `i`. */
function hardProvider(i: number, aceCount: number, random: () => number): string {
  if (i < aceCount) return 'ace'
  const roll = random()
  if (roll < 0.1) return 'relias'
  if (roll < 0.2) return 'aama'
  return `p${Math.floor(random() ** 2 * 12)}`
}

/**
 * `size` courses. ACE courses are few (about one in 400, at most 12) and AAMA-approved, so the
 * membership pays but never covers everything; Relias has many courses, most not approved;
 * AAMA's self-study courses are approved and dear; everyone else sells cheap non-approved
 * courses and dearer approved ones, at near-equal prices with cent-level differences.
 */
export function hardCatalog(size: number, seed: number): { courses: Course[]; offers: Offer[] } {
  const random = rng(seed)
  const courses: Course[] = []
  const aceCount = Math.min(12, Math.max(3, Math.floor(size / 400)))
  for (let i = 0; i < size; i++) {
    const provider = hardProvider(i, aceCount, random)
    const hours = HOURS[Math.floor(random() * HOURS.length)] as number
    const credits = creditsOf(random, hours)
    const rate = RATES[Math.floor(random() * RATES.length)] as number
    let price = Math.round((hours * rate + 0.5 + random() * 2) * 100) / 100
    let approved = price > hours * 9 || random() < 0.15
    if (provider === 'ace' || provider === 'aama') approved = true
    if (provider === 'relias') approved = random() < 0.2
    if (!approved) price = Math.round(price * 0.6 * 100) / 100
    const selfStudy = random() < (provider === 'aama' ? 0.7 : 0.2)
    courses.push({
      id: `c${i}`,
      provider,
      title: `Course ${i}`,
      format: selfStudy ? 'self-study' : 'online',
      hours,
      credits,
      approvals: approved ? ['AAMA'] : [],
      price,
      tags: [],
      source: sample,
    })
  }
  return { courses, offers: HARD_OFFERS }
}

/** CMA transcripts with up to `most - 1` prior activities each, 60% of them AAMA-approved. */
export function transcripts(count: number, seed: number, most = 12): ResolvedActivity[][] {
  const random = rng(seed)
  return Array.from({ length: count }, (_, t) => {
    const out: ResolvedActivity[] = []
    const n = Math.floor(random() * most)
    for (let k = 0; k < n; k++) {
      const area = AREAS[Math.floor(random() * 3)] as Category
      const points = 1 + Math.floor(random() * 6)
      out.push({
        title: `t${t}-${k}`,
        completedOn: `2024-0${1 + Math.floor(random() * 9)}-1${k % 10}`,
        hours: points,
        credits: { [area]: points },
        approvals: random() < 0.6 ? ['AAMA'] : [],
      })
    }
    return out
  })
}
