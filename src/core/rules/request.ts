import { z } from 'zod'
import { approvalsOn, expiredApprovals } from '../catalog/approvals.js'
import { RULE_CONFIDENCES } from '../catalog/rule-set.js'
import {
  APPROVALS,
  type Approval,
  approvalSchema,
  type Course,
  creditsSchema,
  dateSchema,
  FORMATS,
  type Format,
} from '../catalog/schemas.js'

export const MAX_ACTIVITIES = 2_000

export const activitySchema = z
  .object({
    courseId: z.string().max(120).optional(),
    title: z.string().max(300).optional(),
    completedOn: dateSchema,
    /** Clock hours (60 minutes) as on the certificate. */
    hours: z.number().nonnegative().max(10_000).optional(),
    /** The same duration in minutes; wins over `hours` when both are given. */
    minutes: z.number().nonnegative().max(600_000).optional(),
    credits: creditsSchema.optional(),
    approvals: z.array(approvalSchema).max(APPROVALS.length).optional(),
    format: z.enum(FORMATS).optional(),
    /** Quarter or semester college credits, for `format: "college"`. */
    collegeCredits: z.number().nonnegative().max(500).optional(),
    /** Recurring employer training (HIPAA, OSHA...): NCCT accepts it once every 5 years. */
    recurringTraining: z.boolean().optional(),
  })
  .meta({ id: 'Activity', description: 'A catalog course by `courseId`, or an ad-hoc activity.' })

/** What every progress request carries beside its credentials: the day, offers, transcript. */
const transcriptFields = {
  asOf: dateSchema.optional().meta({ description: 'Defaults to today.' }),
  offers: z.array(z.string().max(120)).max(100).default([]),
  activities: z
    .array(activitySchema)
    .max(MAX_ACTIVITIES, `at most ${MAX_ACTIVITIES} activities`)
    .default([]),
}

export const progressRequestSchema = z
  .object({
    credential: z.string().max(40),
    cycleEnd: dateSchema.meta({ description: "The credential's expiration date." }),
    ...transcriptFields,
  })
  .meta({ id: 'ProgressRequest' })

/** The same transcript against several credentials at once (CMA and CCMA is common). */
export const jointProgressRequestSchema = z
  .object({
    credentials: z
      .array(
        z.object({
          credential: z.string().max(40),
          cycleEnd: dateSchema.meta({ description: "This credential's expiration date." }),
          offers: z
            .array(z.string().max(120))
            .max(100)
            .default([])
            .meta({ description: 'Offers held for this credential (a membership).' }),
        }),
      )
      .min(1)
      .max(5),
    ...transcriptFields,
  })
  .meta({ id: 'JointProgressRequest' })

export type Activity = z.infer<typeof activitySchema>
export type ProgressRequest = z.infer<typeof progressRequestSchema>
export type JointProgressRequest = z.infer<typeof jointProgressRequestSchema>

/** Where a figure comes from and how sure it is (docs/rules.md "Confidence and warnings"). */
const provenance = { confidence: z.enum(RULE_CONFIDENCES), source: z.string() }

const requirementRow = z.object({
  id: z.string(),
  label: z.string(),
  required: z.number(),
  earned: z.number(),
  remaining: z.number(),
  /** For an either-or requirement: the option closest to being met. */
  option: z.string().optional(),
  ...provenance,
})

export const WARNING_CODES = [
  'unverified-figure',
  'repeat-course-unverified',
  'grace-points-unverified',
  'grace-readings-differ',
  'lapse-rule-unverified',
  'recurring-training-unmarked',
  'cpr-approval-unknown',
  'cycle-end-not-month-end',
  'approval-expired',
] as const

const warningDetail = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  /** Ids of the non-official figures the answer rests on (`<rule set>:<section>[:<id>]`). */
  figures: z.array(z.string()).optional(),
  /** Indexes of the activities the warning is about. */
  activities: z.array(z.number().int()).optional(),
})
export type WarningDetail = z.infer<typeof warningDetail>

export const progressSchema = z
  .object({
    credential: z.string(),
    asOf: z.string(),
    cycle: z.object({ start: z.string(), end: z.string() }),
    status: z.enum(['active', 'grace', 'lapsed']),
    daysLeft: z.number().int(),
    grace: z
      .object({
        until: z.string(),
        reading: z.string(),
        alternative: z.object({ until: z.string(), reading: z.string() }).optional(),
        readingsAgree: z.boolean(),
      })
      .nullable(),
    /** The last day continuing education can still be used after the cycle, per reading. */
    graceDeadlines: z.array(z.object({ reading: z.string(), date: z.string() })),
    complete: z.boolean(),
    requirements: z.array(requirementRow),
    activities: z.array(
      z.object({
        index: z.number().int(),
        counted: z.number(),
        toward: z.record(z.string(), z.number()),
        reason: z.string().nullable(),
      }),
    ),
    pathways: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        available: z.boolean(),
        fee: z.number().nullable(),
        fees: z.array(z.object({ label: z.string(), amount: z.number().nullable() })).optional(),
        reason: z.string().optional(),
        ...provenance,
      }),
    ),
    fees: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        amount: z.number().nullable(),
        ...provenance,
      }),
    ),
    warnings: z.array(z.string()),
    /** One entry per warning, in the same order, its `message` equal to the string. */
    warningDetails: z.array(warningDetail),
  })
  .meta({ id: 'Progress' })

export type Progress = z.infer<typeof progressSchema>

export const jointProgressSchema = z
  .object({
    /** Every credential of the request is complete. */
    complete: z.boolean(),
    credentials: z.array(progressSchema),
  })
  .meta({ id: 'JointProgress' })

/** An activity with a catalog course's facts filled in. */
export interface ResolvedActivity {
  title?: string
  courseId?: string
  completedOn: string
  hours?: number | null
  credits?: Course['credits']
  approvals?: Approval[]
  format?: Format
  collegeCredits?: number
  /** Catalog approvals that had ended when the activity was completed (not counted). */
  expired?: { approval: Approval; until: string }[]
  /** The duration in minutes (wins over `hours`). */
  minutes?: number
  recurringTraining?: boolean
  /** A generic catalog entry: repeatable, valued by the person's own fields. */
  generic?: boolean
}

/**
 * Fills in an activity from its catalog course; the activity's own fields win. A generic entry
 * (a CPR card, a chapter meeting) gives only what the person's occurrence cannot: its title,
 * approvals and format; credits and duration come from the person, else from the entry.
 */
export function resolveActivity(activity: Activity, course: Course | null): ResolvedActivity {
  if (!course) return activity
  const generic = course.generic === true
  const ownTime = activity.minutes !== undefined || activity.hours !== undefined
  return {
    courseId: course.id,
    title: activity.title ?? course.title,
    completedOn: activity.completedOn,
    hours: activity.hours ?? (generic && ownTime ? null : course.hours),
    ...(activity.minutes !== undefined && { minutes: activity.minutes }),
    credits: activity.credits ?? course.credits,
    approvals: activity.approvals ?? approvalsOn(course, activity.completedOn),
    format: activity.format ?? course.format,
    ...(!activity.approvals &&
      course.approvalsUntil && { expired: expiredApprovals(course, activity.completedOn) }),
    ...(activity.collegeCredits !== undefined && { collegeCredits: activity.collegeCredits }),
    ...((activity.recurringTraining ?? course.recurringTraining) && { recurringTraining: true }),
    ...(generic && { generic: true }),
  }
}
