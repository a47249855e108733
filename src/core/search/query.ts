import { z } from 'zod'
import { FACETS, SAMPLE_MODES, SORTS } from '../catalog/constants.js'
import { KNOWABLE } from '../catalog/course-view.js'
import {
  approvalSchema,
  CATEGORIES,
  type Course,
  courseSchema,
  dateSchema,
  FORMATS,
} from '../catalog/schemas.js'

export type { Facet, Sort } from '../catalog/constants.js'
export { FACETS, SORTS }

export const MAX_QUERY_LENGTH = 200

/** A repeatable query parameter: `?category=a&category=b` or `?category=a,b`. */
function repeatable<T extends z.ZodType>(item: T, description: string) {
  return z
    .preprocess((value) => {
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
      return list
        .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
        .filter((v) => v !== '')
    }, z.array(item).max(50))
    .optional()
    .meta({ description })
}

const range = (min: number, max: number) => `must be between ${min} and ${max}`

const number = (description: string, min: number, max: number) =>
  z.coerce
    .number()
    .min(min, range(min, max))
    .max(max, range(min, max))
    .optional()
    .meta({ description })

/** `?sample=`: whether a catalog read shows sample records (the server's setting is a ceiling). */
export const sampleParamSchema = z.enum(SAMPLE_MODES).optional().meta({
  description:
    'Sample records (invented demo data, `source.confidence: "sample"`): `include` (default) or `exclude`. A server started with SAMPLE_DATA=exclude never shows them, whatever this asks.',
})

export const searchParamsSchema = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .optional()
    .meta({ description: 'Free text: typo-tolerant, synonyms, prefix match on the last word.' }),
  category: repeatable(z.enum(CATEGORIES), 'AAMA content area (repeatable, OR).'),
  approval: repeatable(approvalSchema, 'Approving body (repeatable, OR).'),
  provider: repeatable(z.string().min(1).max(120), 'Provider id (repeatable, OR).'),
  format: repeatable(z.enum(FORMATS), 'Course format (repeatable, OR).'),
  maxPrice: number('Highest list price in USD; courses of unknown price are excluded.', 0, 1e6),
  minCredits: number('Smallest total credits.', 0, 1e4),
  maxHours: number('Longest course in contact hours; unknown hours are excluded.', 0, 1e4),
  known: repeatable(
    z.enum(KNOWABLE),
    'Only courses whose price, hours or credits are known (repeatable, AND); known=credits hides records that cannot be planned.',
  ),
  credential: z.string().max(40).optional().meta({
    description:
      'Only courses that count for this credential (an id of GET /v1/credentials): worth points under its rules if completed today, with the approvals still in force today. The same courses the planner may propose for it; not only those its issuer approved.',
  }),
  available: dateSchema
    .optional()
    .meta({ description: 'On demand, or with a session on or after this date.' }),
  sample: sampleParamSchema,
  sort: z.enum(SORTS).default('relevance'),
  page: z.coerce
    .number()
    .int()
    .min(1, range(1, 10_000))
    .max(10_000, range(1, 10_000))
    .default(1)
    .meta({ description: 'Page number, from 1.' }),
  perPage: z.coerce
    .number()
    .int()
    .min(1, range(1, 100))
    .max(100, range(1, 100))
    .default(20)
    .meta({ description: 'Hits per page, 1 to 100.' }),
})

export type SearchParams = z.infer<typeof searchParamsSchema> & {
  /**
   * The day `credential` is judged on (the route sets today, see credential.ts): a course counts
   * if it counts when completed that day. Without it, a course counts if it ever does.
   */
  countsOn?: string
}

export const facetCountsSchema = z.record(z.string(), z.number().int())

export const searchHitSchema = courseSchema.extend({
  highlight: z.object({ title: z.string(), description: z.string().optional() }),
})

export const searchResultSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    hits: z.array(searchHitSchema),
    facets: z.object({
      category: facetCountsSchema,
      approval: facetCountsSchema,
      provider: facetCountsSchema,
      format: facetCountsSchema,
    }),
    took: z.number().meta({ description: 'Milliseconds spent searching.' }),
  })
  .meta({ id: 'SearchResult' })

export type SearchHit = Course & { highlight: { title: string; description?: string } }
export type SearchResult = z.infer<typeof searchResultSchema>
export type FacetCounts = SearchResult['facets']
