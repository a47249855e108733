import { z } from 'zod'
import { APPROVALS, CATEGORIES, CONFIDENCES, FORMATS, normalizeApproval } from './constants.js'
import type { RuleSet } from './rule-set.js'

export type { Approval, Category, Format } from './constants.js'
export { APPROVALS, CATEGORIES, FORMATS } from './constants.js'

const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes')
  .max(120)

/** Years a date may have: wide for any course or cycle, narrow enough that date arithmetic stays in four digits. */
export const YEARS = { min: 1900, max: 2200 } as const

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not), in years 1900–2200. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date')
  .refine((value) => {
    const year = Number(value.slice(0, 4))
    return Number.isNaN(year) || (year >= YEARS.min && year <= YEARS.max)
  }, `must be in the years ${YEARS.min} to ${YEARS.max}`)

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const money = z.number().nonnegative().max(100_000)
const amount = z.number().nonnegative().max(1_000)

/** An approving body; aliases (see `APPROVAL_ALIASES`) are accepted on input, never emitted. */
export const approvalSchema = z.preprocess(normalizeApproval, z.enum(APPROVALS))

export const sourceSchema = z
  .object({
    url: z.url().nullable().optional(),
    fetchedAt: dateSchema.nullable().optional(),
    confidence: z.enum(CONFIDENCES),
    note: z.string().max(2_000).optional(),
  })
  .meta({ id: 'Source', description: 'Where a fact comes from. "sample" marks invented data.' })

export const providerSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    url: z.url().nullable().optional(),
    description: z.string().max(2_000).optional(),
    source: sourceSchema.optional(),
  })
  .meta({ id: 'Provider' })

export const creditsSchema = z
  .partialRecord(z.enum(CATEGORIES), amount)
  .meta({ id: 'Credits', description: 'Credits by AAMA content area (AAMA points).' })

const sessionSchema = z.object({
  start: dateSchema,
  end: dateSchema.optional(),
  location: z.string().max(200).optional(),
})

export const courseSchema = z
  .object({
    id: idSchema,
    provider: idSchema,
    title: z.string().min(1).max(300),
    description: z.string().max(5_000).optional(),
    url: z.url().optional(),
    format: z.enum(FORMATS),
    hours: amount.nullable(),
    credits: creditsSchema,
    approvals: z.array(approvalSchema).max(APPROVALS.length),
    /** The last day an approval holds (AAMA approvals expire), by approving body. */
    approvalsUntil: z
      .partialRecord(z.enum(APPROVALS), dateSchema)
      .optional()
      .meta({ description: 'The last day an approval holds, by body: { "AAMA": "2019-08-29" }.' }),
    price: money.nullable(),
    /** The price as stated when it is not in US dollars (or names no currency): never planned. */
    listPrice: z
      .object({
        amount: money,
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .nullable(),
      })
      .optional(),
    sessions: z.array(sessionSchema).max(200).optional(),
    tags: z.array(z.string().min(1).max(60)).max(40).default([]),
    source: sourceSchema,
    /**
     * A recurring event (a CPR card, a chapter meeting, college credit): repeatable any number
     * of times, each occurrence with the person's own date, credits and duration.
     */
    generic: z.boolean().optional(),
    /** Recurring employer training (HIPAA, OSHA...): NCCT accepts it once every 5 years. */
    recurringTraining: z.boolean().optional(),
  })
  .meta({ id: 'Course' })

const coursePriceSchema = z.object({ provider: idSchema, price: money })
const courseDiscountSchema = z.object({
  provider: idSchema,
  formats: z.array(z.enum(FORMATS)).optional(),
  percent: z.number().min(0).max(100),
})

export const offerSchema = z
  .object({
    id: idSchema,
    provider: idSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(2_000).optional(),
    url: z.url().optional(),
    price: money.nullable(),
    months: z.number().int().positive().max(120).nullable().optional(),
    coursePrice: coursePriceSchema.optional(),
    courseDiscount: courseDiscountSchema.optional(),
    fees: z.record(z.string(), z.record(z.string(), money)).optional(),
    /**
     * Buying the offer is paying a credential's fee (NHA's renewal includes its CE library): a
     * plan that pays that fee gets the offer without paying twice.
     */
    paysFee: z
      .object({ credential: z.string().max(40), fee: z.string().max(60) })
      .optional()
      .meta({
        description:
          'The credential fee this offer is: { credential: "ccma-nha", fee: "renewal" }.',
      }),
    source: sourceSchema.optional(),
  })
  .meta({ id: 'Offer' })

/** Groups of words or phrases that mean the same thing to a searcher. */
export const synonymsSchema = z.array(z.array(z.string().min(1).max(60)).min(2).max(20)).max(500)

export type Source = z.infer<typeof sourceSchema>
export type Provider = z.infer<typeof providerSchema>
export type Course = z.infer<typeof courseSchema>
export type Offer = z.infer<typeof offerSchema>
export type Synonyms = z.infer<typeof synonymsSchema>

export interface Catalog {
  providers: Provider[]
  offers: Offer[]
  courses: Course[]
  synonyms: Synonyms
  /** Rule sets, one per credential (see credentials.ts). */
  credentials: RuleSet[]
}

export function totalCredits(course: Pick<Course, 'credits'>): number {
  let sum = 0
  for (const value of Object.values(course.credits)) sum += value ?? 0
  return sum
}
