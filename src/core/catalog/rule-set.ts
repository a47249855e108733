import { z } from 'zod'
import { APPROVALS, CATEGORIES, dateSchema } from './schemas.js'

/**
 * Rule sets are data: one JSON file per credential in `catalog/credentials/`, validated by this
 * schema. Every rule says where it comes from (`source`), how sure that is (`confidence`) and
 * since when it applies (`effectiveFrom`, null when unknown).
 */
const provenance = {
  source: z.string().min(1).max(500),
  confidence: z.enum(['official', 'secondary', 'unverified']),
  effectiveFrom: dateSchema.nullable(),
  note: z.string().max(1_000).optional(),
}

const ruleOf = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, ...provenance })

const requirementSchema = z.discriminatedUnion('kind', [
  ruleOf({
    id: z.string(),
    label: z.string(),
    kind: z.literal('total'),
    required: z.number().positive(),
  }),
  ruleOf({
    id: z.string(),
    label: z.string(),
    kind: z.literal('category'),
    category: z.enum(CATEGORIES),
    required: z.number().positive(),
  }),
  /** Either-or: met by any one option, each a set of minimums over groups of areas. */
  ruleOf({
    id: z.string(),
    label: z.string(),
    kind: z.literal('any-of'),
    required: z.number().positive(),
    options: z
      .array(
        z.object({
          label: z.string(),
          parts: z
            .array(
              z.object({
                categories: z.array(z.enum(CATEGORIES)).min(1),
                points: z.number().positive(),
              }),
            )
            .min(1),
        }),
      )
      .min(2),
  }),
  ruleOf({
    id: z.string(),
    label: z.string(),
    kind: z.literal('approved'),
    approvals: z.array(z.enum(APPROVALS)).min(1),
    required: z.number().positive(),
  }),
])

export const ruleSetSchema = z
  .object({
    id: z.string().regex(/^[a-z]+-[a-z]+$/),
    credential: z.string(),
    issuer: z.object({ id: z.enum(APPROVALS), name: z.string(), url: z.url().optional() }),
    /** What one point is, in the issuer's own words; never compare raw "CEUs" across issuers. */
    unit: z.string(),
    cycle: ruleOf({
      /**
       * `months`: the cycle is the `months` before `cycleEnd` (it starts the day after the same
       * date `months` earlier). `calendar-years`: from 1 January `years - 1` years before the
       * year of `cycleEnd` through `cycleEnd`.
       */
      kind: z.enum(['months', 'calendar-years']),
      months: z.number().int().positive().optional(),
      years: z.number().int().positive().optional(),
      endsOnMonthEnd: z.boolean(),
    }),
    /** How an activity's hours and credits become the issuer's points. */
    units: ruleOf({
      /** `credits`: sum of AAMA content-area credits; `hours`: contact hours / `hoursPerPoint`. */
      from: z.enum(['credits', 'hours']),
      hoursPerPoint: z.number().positive(),
      /** Points for one quarter or semester college credit; null when no rule is known. */
      collegeCreditPoints: z.number().positive().nullable(),
    }),
    minimumHours: ruleOf({ hours: z.number().nonnegative() }).nullable(),
    requirements: z.array(requirementSchema).min(1),
    /** At most `max` points may come from activities not approved by `approvals`. */
    unapprovedMax: ruleOf({
      approvals: z.array(z.enum(APPROVALS)).min(1),
      max: z.number().nonnegative(),
    }).nullable(),
    cprCards: ruleOf({
      pointsPerCard: z.number().positive(),
      category: z.enum(CATEGORIES),
      maxCards: z.number().int().positive(),
      /** Whether card points count as approved points: unknown, so false unless verified. */
      countsAsApproved: z.boolean(),
    }).nullable(),
    lapse: ruleOf({
      /** Recertifying by CE stays possible this long after `cycleEnd`; null = not at all. */
      graceMonths: z.number().int().nonnegative().nullable(),
      /** A second published reading of the same window, reported beside the first. */
      graceDaysAlternative: z.number().int().positive().nullable(),
      reactivationFee: z.number().nonnegative().nullable(),
      afterGrace: z.string(),
    }),
    pathways: z.array(
      ruleOf({
        id: z.enum(['continuing-education', 'exam']),
        label: z.string(),
        satisfiesRecertification: z.boolean(),
        fee: z.number().nonnegative().nullable(),
        /** Fee for holders of an offer whose `fees[credential][feeKey]` is set (membership). */
        feeKey: z.string().optional(),
      }),
    ),
    fees: z.array(
      ruleOf({ id: z.string(), label: z.string(), amount: z.number().nonnegative().nullable() }),
    ),
  })
  .meta({ id: 'RuleSet' })

export type RuleSet = z.infer<typeof ruleSetSchema>
export type Requirement = RuleSet['requirements'][number]
