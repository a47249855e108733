import { z } from 'zod'
import { APPROVALS, CATEGORIES, dateSchema } from './schemas.js'

/**
 * Rule sets are data: one JSON file per credential in `catalog/credentials/`, validated by this
 * schema. Every rule says where it comes from (`source`), how sure that is (`confidence`) and
 * since when it applies (`effectiveFrom`, null when unknown).
 */
/** How sure a rule is: read on the body's own page, stated by a third party, or unsettled. */
/** How far a rule's figure can be trusted (a rule is never sample or scraped data). */
export const RULE_CONFIDENCES = ['official', 'secondary', 'unverified'] as const
export type Confidence = (typeof RULE_CONFIDENCES)[number]

const provenance = {
  source: z.string().min(1).max(500),
  confidence: z.enum(RULE_CONFIDENCES),
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
      /** Minutes in the issuer's hour: 50 for an AAMA contact hour, 60 for a clock hour. */
      minutesPerHour: z.number().int().positive(),
    }),
    /** Activities not approved by the issuer count only from this many of its hours. */
    minimumHours: ruleOf({ hours: z.number().nonnegative() }).nullable(),
    /** Whether the same catalog course counts again on another date. */
    repeatCourses: ruleOf({ repeatable: z.boolean() }),
    /** Whether points earned after `cycleEnd`, inside the lapse window, count. */
    gracePoints: ruleOf({ counts: z.boolean() }).optional(),
    /** Recurring employer training (HIPAA, OSHA...) counts once in `onceInYears` years. */
    recurringTraining: ruleOf({
      onceInYears: z.number().int().positive(),
      /** Case-insensitive regular expressions of titles that look like such training. */
      titlePatterns: z.array(z.string().min(1).max(100)).max(50),
    }).optional(),
    requirements: z.array(requirementSchema).min(1),
    /** At most `max` points may come from activities not approved by `approvals`. */
    unapprovedMax: ruleOf({
      approvals: z.array(z.enum(APPROVALS)).min(1),
      max: z.number().nonnegative(),
    }).nullable(),
    cprCards: ruleOf({
      /** Points per card; null: the card is worth the credits the person gives. */
      pointsPerCard: z.number().positive().nullable(),
      category: z.enum(CATEGORIES),
      /** Cards that count per cycle; null: no cap known. */
      maxCards: z.number().int().positive().nullable(),
      /** Whether card points count as approved points: unknown, so false unless verified. */
      countsAsApproved: z.boolean(),
    }).nullable(),
    lapse: ruleOf({
      /**
       * How long after `cycleEnd` continuing education can still be used, one entry per
       * published reading (in months, or in days); empty when no window is known.
       */
      graceReadings: z.array(
        z.object({
          reading: z.string(),
          months: z.number().int().positive().optional(),
          days: z.number().int().positive().optional(),
        }),
      ),
      reactivationFee: z.number().nonnegative().nullable(),
      afterGrace: z.string(),
      /** Reinstatement by CE inside the window: points per missed calendar year, at least `minimum`. */
      reinstatement: z
        .object({ perMissedYear: z.number().positive(), minimum: z.number().nonnegative() })
        .optional(),
    }),
    pathways: z.array(
      ruleOf({
        id: z.enum(['continuing-education', 'exam']),
        label: z.string(),
        satisfiesRecertification: z.boolean(),
        fee: z.number().nonnegative().nullable(),
        /** Fee for holders of an offer whose `fees[credential][feeKey]` is set (membership). */
        feeKey: z.string().optional(),
        /** The pathway's fee is the rule set's fee with this id (listed once, under `fees`). */
        feeId: z.string().optional(),
        /** Open only once the credential has lapsed (after the lapse window). */
        onlyAfterLapse: z.boolean().optional(),
      }),
    ),
    fees: z.array(
      ruleOf({ id: z.string(), label: z.string(), amount: z.number().nonnegative().nullable() }),
    ),
  })
  .meta({ id: 'RuleSet' })

export type RuleSet = z.infer<typeof ruleSetSchema>
export type Requirement = RuleSet['requirements'][number]
