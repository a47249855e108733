import { z } from 'zod'
import { CONFIDENCES } from '../catalog/constants.js'
import { RULE_CONFIDENCES, type RuleSet } from '../catalog/rule-set.js'
import {
  APPROVALS,
  approvalSchema,
  type Course,
  creditsSchema,
  dateSchema,
  FORMATS,
  type Offer,
} from '../catalog/schemas.js'
import {
  jointProgressRequestSchema,
  progressRequestSchema,
  progressSchema,
  type ResolvedActivity,
} from '../rules/request.js'

/** A course the person brings (an employer's in-service, a local workshop), planned like the catalog's. */
export const extraCourseSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes')
      .max(60)
      .optional()
      .meta({ description: 'Your own id; the plan calls it `own-<id>` (default `own-<n>`).' }),
    title: z.string().min(1).max(300),
    provider: z.string().max(120).optional(),
    price: z.number().nonnegative().max(100_000),
    hours: z.number().nonnegative().max(1_000).nullable().default(null),
    credits: creditsSchema.default({}),
    approvals: z.array(approvalSchema).max(APPROVALS.length).default([]),
    format: z.enum(FORMATS).default('workshop'),
    on: dateSchema
      .optional()
      .meta({ description: 'The day it takes place; without it, any day (on demand).' }),
  })
  .meta({ id: 'ExtraCourse' })

export type ExtraCourse = z.infer<typeof extraCourseSchema>

export const preferencesSchema = z
  .object({
    formats: z.array(z.enum(FORMATS)).max(FORMATS.length).optional(),
    providers: z.array(z.string().max(120)).max(100).optional(),
    exclude: z.array(z.string().max(120)).max(2_000).optional(),
    maxHours: z.number().nonnegative().max(10_000).optional(),
    budget: z.number().nonnegative().max(1_000_000).optional(),
    deadline: dateSchema.optional(),
    objective: z.enum(['cost', 'hours']).default('cost'),
    extraCourses: z.array(extraCourseSchema).max(50).optional().meta({
      description:
        'Courses not in the catalog, with their price, hours, credits and approvals: planned like catalog courses and marked `own` (formats and providers preferences do not filter them).',
    }),
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

/** Where a planned course or offer comes from: `sample` marks invented data. */
const plannedSource = z.object({
  confidence: z.enum(CONFIDENCES),
  url: z.string().nullable().optional(),
  note: z.string().optional(),
})

const plannedCourse = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  price: z.number(),
  hours: z.number().nullable(),
  /** The date the plan assumes: the first session in the window, or the first day it counts on demand. */
  on: z.string(),
  /** The last day it may be done and still count for every credential it serves. */
  by: z.string(),
  /** Points by requirement id (in a plan for several credentials: `<credential>:<requirement>`). */
  toward: z.record(z.string(), z.number()),
  /** The credentials it counts for, with the points toward each requirement there. */
  serves: z.array(z.object({ credential: z.string(), toward: z.record(z.string(), z.number()) })),
  source: plannedSource,
  /** A course from `preferences.extraCourses`: the figures are yours. */
  own: z.boolean().optional(),
})

const planFee = z.object({
  label: z.string(),
  /** null: not known. */
  amount: z.number().nullable(),
  confidence: z.enum(RULE_CONFIDENCES).optional(),
  credential: z.string().optional(),
})

const planSchema = z.object({
  feasible: z.boolean(),
  /** True only for a feasible plan proved cheapest. */
  optimal: z.boolean(),
  cost: z.number(),
  fees: z.array(planFee),
  /** Courses, offers and the fees that are known; null when there is no plan. */
  total: z.number().nullable(),
  /** False when some fee is not known: the total is then what is known, plus that fee. */
  totalComplete: z.boolean(),
  /** The total in words: "$39.00 plus a fee that is not known (...)". */
  summary: z.string(),
  hours: z.number(),
  offers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      price: z.number(),
      source: plannedSource,
      /** The offer is one of the fees of the plan (counted there, not again here). */
      includedIn: z.string().optional(),
    }),
  ),
  courses: z.array(plannedCourse),
  after: z.array(
    z.object({ id: z.string(), remaining: z.number(), credential: z.string().optional() }),
  ),
  reason: z.string().optional(),
  shortfalls: z
    .array(
      z.object({
        requirement: z.string(),
        credential: z.string().optional(),
        needed: z.number(),
        available: z.number(),
        short: z.number(),
      }),
    )
    .optional(),
})

const alternativeSchema = z.object({
  label: z.string(),
  total: z.number().nullable(),
  plan: planSchema.optional(),
  detail: z.string().optional(),
})

export const planResponseSchema = z
  .object({
    progress: progressSchema,
    plan: planSchema,
    alternatives: z.array(alternativeSchema),
    /** Whether the plan or an alternative uses invented sample courses or offers. */
    sample: z.boolean(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PlanResponse' })

export const jointPlanRequestSchema = jointProgressRequestSchema
  .extend({ preferences: preferencesSchema.default({ objective: 'cost' }) })
  .meta({ id: 'JointPlanRequest' })

export const jointPlanResponseSchema = z
  .object({
    /** Where each credential stands before the plan, in request order. */
    credentials: z.array(progressSchema),
    /** One purchase set completing every credential; each course says which it serves. */
    plan: planSchema,
    /** The plans for each credential made alone, and what following all of them costs. */
    separate: z.object({
      total: z.number().nullable(),
      hours: z.number().nullable(),
      plans: z.array(
        z.object({
          credential: z.string(),
          feasible: z.boolean(),
          optimal: z.boolean(),
          total: z.number().nullable(),
          hours: z.number(),
          courses: z.array(z.string()),
        }),
      ),
    }),
    /** What the joint plan saves against the separate plans together; null when not comparable. */
    saving: z.object({ amount: z.number(), hours: z.number(), summary: z.string() }).nullable(),
    alternatives: z.array(alternativeSchema),
    sample: z.boolean(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'JointPlanResponse' })

export type JointPlanResponse = z.infer<typeof jointPlanResponseSchema>
export type Plan = z.infer<typeof planSchema>
export type PlanResponse = z.infer<typeof planResponseSchema>
export type Alternative = z.infer<typeof alternativeSchema>

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
  /**
   * Model every course, not only the cheapest few of each kind (plan/course-kinds.ts): the
   * reference the tests and the benchmark's baseline compare with. Same answer, slower.
   */
  everyCourse?: boolean
  /**
   * Solve every choice of offers, none ruled out by a bound (each with the best plan so far as
   * its cutoff, or answered by an earlier solve of the same choice in the request): a reference
   * the benchmark reports beside its baseline, to show what the search's bounds are worth. Same
   * answer, slower.
   */
  everyOfferChoice?: boolean
}

/** Everything shared by a plan for one credential and one for several. */
interface PlanBasis {
  asOf: string
  /** Offers the person already holds. */
  held: readonly string[]
  activities: readonly ResolvedActivity[]
  /** Every catalog course with a known price (the planner filters them). */
  courses: readonly Course[]
  offers: readonly Offer[]
  preferences: Preferences
}

export interface PlanInput extends PlanBasis {
  rules: RuleSet
  cycleEnd: string
}

/** One credential of a plan: its rule set and the end of the cycle being renewed. */
export interface PlanTarget {
  rules: RuleSet
  cycleEnd: string
}

/** A plan for one or several credentials at once, from one transcript. */
export interface JointPlanInput extends PlanBasis {
  targets: readonly PlanTarget[]
  /** `preferences.extraCourses` as courses (see plan/own.ts). */
  extraCourses?: readonly Course[]
}
