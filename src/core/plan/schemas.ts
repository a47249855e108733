import { z } from 'zod'
import type { RuleSet } from '../catalog/rule-set.js'
import { type Course, dateSchema, FORMATS, type Offer } from '../catalog/schemas.js'
import { progressRequestSchema, progressSchema, type ResolvedActivity } from '../rules/request.js'

export const preferencesSchema = z
  .object({
    formats: z.array(z.enum(FORMATS)).max(FORMATS.length).optional(),
    providers: z.array(z.string().max(120)).max(100).optional(),
    exclude: z.array(z.string().max(120)).max(2_000).optional(),
    maxHours: z.number().nonnegative().max(10_000).optional(),
    budget: z.number().nonnegative().max(1_000_000).optional(),
    deadline: dateSchema.optional(),
    objective: z.enum(['cost', 'hours']).default('cost'),
    sample: z.enum(['include', 'exclude']).optional().meta({
      description:
        'Sample records (invented demo data): `include` (default) or `exclude` them from the plan; a server with SAMPLE_DATA=exclude never plans them.',
    }),
  })
  .meta({ id: 'PlanPreferences' })

export const planRequestSchema = progressRequestSchema
  .extend({ preferences: preferencesSchema.default({ objective: 'cost' }) })
  .meta({ id: 'PlanRequest' })

export type Preferences = z.infer<typeof preferencesSchema>

const plannedCourse = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  price: z.number(),
  hours: z.number().nullable(),
  /** The date the plan assumes: the first session in the window, or `asOf` on demand. */
  on: z.string(),
  toward: z.record(z.string(), z.number()),
})

const planSchema = z.object({
  feasible: z.boolean(),
  optimal: z.boolean(),
  cost: z.number(),
  fees: z.array(z.object({ label: z.string(), amount: z.number().nullable() })),
  total: z.number(),
  hours: z.number(),
  offers: z.array(z.object({ id: z.string(), name: z.string(), price: z.number() })),
  courses: z.array(plannedCourse),
  after: z.array(z.object({ id: z.string(), remaining: z.number() })),
  reason: z.string().optional(),
  shortfalls: z
    .array(
      z.object({
        requirement: z.string(),
        needed: z.number(),
        available: z.number(),
        short: z.number(),
      }),
    )
    .optional(),
})

export const planResponseSchema = z
  .object({
    progress: progressSchema,
    plan: planSchema,
    alternatives: z.array(
      z.object({
        label: z.string(),
        total: z.number().nullable(),
        plan: planSchema.optional(),
        detail: z.string().optional(),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PlanResponse' })

export type Plan = z.infer<typeof planSchema>
export type PlanResponse = z.infer<typeof planResponseSchema>

export interface PlanOptions {
  /** Off for the benchmark: the primary plan only. */
  alternatives?: boolean
  /**
   * Asked between solver steps; once true, planning stops and answers the best plan found with
   * `optimal: false` (the HTTP layer passes a deadline).
   */
  shouldStop?: () => boolean
  /** Longest any single solve may take (for the HiGHS fallback). */
  timeLimitSeconds?: number
}

export interface PlanInput {
  rules: RuleSet
  cycleEnd: string
  asOf: string
  /** Offers the person already holds. */
  held: readonly string[]
  activities: readonly ResolvedActivity[]
  /** Every catalog course with a known price (the planner filters them). */
  courses: readonly Course[]
  offers: readonly Offer[]
  preferences: Preferences
}
