/**
 * Sample records (invented demo data, `source.confidence: "sample"`) in the public API.
 *
 * The server's `SAMPLE_DATA` is a ceiling: with `exclude` the public API's catalog reader never
 * returns a sample record (search is told the same on every request), so progress and plan
 * treat a sample course id as unknown, and no request can bring them back. With `include` a
 * request may still leave them out: `?sample=exclude` on catalog reads, `preferences.sample`
 * on a plan.
 */
import { isSample, type SampleMode } from '../core/catalog/constants.js'
import type { Course, Offer } from '../core/catalog/schemas.js'
import type { CatalogReader } from '../core/ports.js'

/** The sample mode a request gets: what it asks for, unless the server excludes sample data. */
export function sampleModeFor(server: SampleMode, asked: SampleMode | undefined): SampleMode {
  return server === 'exclude' ? 'exclude' : (asked ?? 'include')
}

/** The records as they are, or without the sample ones. */
export function withoutSample<T extends { source?: { confidence: string } | undefined }>(
  records: readonly T[],
  mode: SampleMode | undefined,
): T[] {
  return mode === 'exclude' ? records.filter((r) => !isSample(r)) : [...records]
}

/**
 * What a plan may propose under `preferences.sample`: the courses and offers, without the
 * sample ones when the request excludes them.
 *
 * @example
 * buildPlan({ ..., ...plannable(await catalog.pricedCourses(), offers, request.preferences.sample) })
 */
export function plannable(
  courses: readonly Course[],
  offers: readonly Offer[],
  mode: SampleMode | undefined,
): { courses: readonly Course[]; offers: Offer[] } {
  if (mode !== 'exclude') return { courses, offers: [...offers] }
  // The same list for as long as the catalog's is the same: the planner indexes each list once.
  let real = realCourses.get(courses)
  if (!real) {
    real = withoutSample(courses, mode)
    realCourses.set(courses, real)
  }
  return { courses: real, offers: withoutSample(offers, mode) }
}

/** Per list of catalog courses, the list without the sample ones. */
const realCourses = new WeakMap<readonly Course[], readonly Course[]>()

/**
 * The catalog reader with every sample record left out (`SAMPLE_DATA=exclude`): courses (one by
 * id, several, and those the planner may propose), offers and providers.
 */
export function hideSampleRecords(catalog: CatalogReader): CatalogReader {
  // The planner caches what each course object is worth; the filtered list is kept for as long
  // as the store keeps its own, so that plans keep reusing the same objects without re-filtering.
  let priced: { from: readonly Course[]; kept: readonly Course[] } | null = null
  return {
    providers: async () => withoutSample(await catalog.providers(), 'exclude'),
    offers: async () => withoutSample(await catalog.offers(), 'exclude'),
    course: async (id) => {
      const course = await catalog.course(id)
      return course && !isSample(course) ? course : null
    },
    courses: async (ids) => withoutSample(await catalog.courses(ids), 'exclude'),
    pricedCourses: async () => {
      const all = await catalog.pricedCourses()
      if (priced?.from !== all) priced = { from: all, kept: withoutSample(all, 'exclude') }
      return priced.kept
    },
    credentials: () => catalog.credentials(),
    synonyms: () => catalog.synonyms(),
    loadedCourses: () => catalog.loadedCourses(),
    sampleCourses: () => catalog.sampleCourses(),
  }
}
