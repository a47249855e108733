import { z } from 'zod'
import { approvalsOn, expiredApprovals } from '../catalog/approvals.js'
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
    hours: z.number().nonnegative().max(10_000).optional(),
    credits: creditsSchema.optional(),
    approvals: z.array(approvalSchema).max(APPROVALS.length).optional(),
    format: z.enum(FORMATS).optional(),
    /** Quarter or semester college credits, for `format: "college"`. */
    collegeCredits: z.number().nonnegative().max(500).optional(),
  })
  .meta({ id: 'Activity', description: 'A catalog course by `courseId`, or an ad-hoc activity.' })

export const progressRequestSchema = z
  .object({
    credential: z.string().max(40),
    cycleEnd: dateSchema.meta({ description: "The credential's expiration date." }),
    asOf: dateSchema.optional().meta({ description: 'Defaults to today.' }),
    offers: z.array(z.string().max(120)).max(100).default([]),
    activities: z
      .array(activitySchema)
      .max(MAX_ACTIVITIES, `at most ${MAX_ACTIVITIES} activities`)
      .default([]),
  })
  .meta({ id: 'ProgressRequest' })

export type Activity = z.infer<typeof activitySchema>
export type ProgressRequest = z.infer<typeof progressRequestSchema>

const requirementRow = z.object({
  id: z.string(),
  label: z.string(),
  required: z.number(),
  earned: z.number(),
  remaining: z.number(),
  /** For an either-or requirement: the option closest to being met. */
  option: z.string().optional(),
})

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
      }),
    ),
    fees: z.array(z.object({ id: z.string(), label: z.string(), amount: z.number().nullable() })),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Progress' })

export type Progress = z.infer<typeof progressSchema>

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
}

/** Fills in an activity from its catalog course; the activity's own fields win. */
export function resolveActivity(activity: Activity, course: Course | null): ResolvedActivity {
  if (!course) return activity
  return {
    courseId: course.id,
    title: activity.title ?? course.title,
    completedOn: activity.completedOn,
    hours: activity.hours ?? course.hours,
    credits: activity.credits ?? course.credits,
    approvals: activity.approvals ?? approvalsOn(course, activity.completedOn),
    format: activity.format ?? course.format,
    ...(!activity.approvals &&
      course.approvalsUntil && { expired: expiredApprovals(course, activity.completedOn) }),
    ...(activity.collegeCredits !== undefined && { collegeCredits: activity.collegeCredits }),
  }
}
