import type { Requirement } from '../catalog/rule-set.js'
import type { Category } from '../catalog/schemas.js'
import { areaPoints, type Points, sumPoints } from './value.js'

export type RequirementKind = Requirement['kind']
type Of<K extends RequirementKind> = Extract<Requirement, { kind: K }>
type AnyOf = Of<'any-of'>

/** Points counted so far, split by whether they are approved points. */
export interface Standing {
  approved: Points
  unapproved: Points
  /** The points that count, by area (non-approved ones within the allowance). */
  counted: Points
  /** Non-approved points that may count in all (infinite without an allowance). */
  allowance: number
}

/** One eligible activity: its points, what of them counted, whether they are approved. */
export interface Contribution {
  points: Points
  counted: Points
  approved: boolean
}

/** What a course the planner may buy is worth (see plan/candidates.ts). */
export interface Worth {
  points: Points
  approved: boolean
}

/** A covering row of the plan model: `sum(coefficient(course) * taken) >= rhs`. */
export interface CoverRow {
  label: string
  rhs: number
  coefficient: (course: Worth) => number
  /**
   * Of `rhs`, the most that courses of this worth can be needed for (absent: all of it), when
   * the demand's other rows make the rest of their coefficient useless: a plan that has more
   * from them has one to spare. Tells the planner how many such courses to read.
   */
  most?: (course: Worth) => number
}

/** The rows one requirement needs in the plan model. */
export interface Demand {
  rows: CoverRow[]
  /** Either-or: exactly the rows of one chosen option must be covered. */
  choice?: CoverRow[][]
  /**
   * What the given courses together could add, `counts[k]` courses of worth `worths[k]` (for
   * shortfalls); absent = not reported.
   */
  available?: (worths: readonly Worth[], counts: readonly number[]) => number
}

/** What the planner knows beside the requirement: the transcript's tally and the allowance. */
export interface PlanStanding {
  approved: Points
  unapproved: Points
  /** Whether the rule set caps non-approved points. */
  capped: boolean
  /** Non-approved points the allowance still admits (0 without an allowance). */
  capLeft: number
}

/** How one kind of requirement is earned, what an activity adds to it and what it asks of a plan. */
interface KindRule<R extends Requirement> {
  earned(requirement: R, standing: Standing): { earned: number; option?: string }
  toward(requirement: R, activity: Contribution, standing: Standing): number
  demand(requirement: R, remaining: number, standing: PlanStanding): Demand
}

const EPS = 1e-9

const availableOf =
  (coefficient: (course: Worth) => number) =>
  (worths: readonly Worth[], counts: readonly number[]) =>
    worths.reduce((s, w, k) => s + (counts[k] as number) * coefficient(w), 0)

const approvedOnly = (c: Worth) => (c.approved ? sumPoints(c.points) : 0)

/**
 * The requirement kinds, one entry each: a kind added to the rule-set schema fails to compile
 * until it says here how it is earned, what an activity contributes and which plan rows it needs.
 */
export const KINDS: { [K in RequirementKind]: KindRule<Of<K>> } = {
  total: {
    earned: (_, s) => ({
      earned: sumPoints(s.approved) + Math.min(s.allowance, sumPoints(s.unapproved)),
    }),
    toward: (_, a) => sumPoints(a.counted),
    demand: (r, rhs, { capped, capLeft }) => {
      // Non-approved points count up to what the allowance has left (capLeft). "approved +
      // min(capLeft, non-approved) >= rhs" is exactly the two covering rows "approved +
      // non-approved >= rhs" and "approved >= rhs - capLeft": no continuous column needed.
      const counted = (c: Worth) =>
        sumPoints(c.points) * (c.approved || !capped || capLeft > 0 ? 1 : 0)
      const rows: CoverRow[] = [{ label: r.id, rhs, coefficient: counted }]
      if (capped && capLeft > 0) {
        // With approved points >= rhs - capLeft, non-approved ones beyond capLeft are spare.
        ;(rows[0] as CoverRow).most = (c) => (c.approved ? rhs : capLeft)
        rows.push({
          label: `${r.id}: beyond the non-approved allowance`,
          rhs: rhs - capLeft,
          coefficient: approvedOnly,
        })
      }
      const available = capped
        ? (worths: readonly Worth[], counts: readonly number[]) =>
            availableOf(approvedOnly)(worths, counts) +
            Math.min(
              availableOf((c) => (c.approved ? 0 : sumPoints(c.points)))(worths, counts),
              capLeft,
            )
        : availableOf(counted)
      return { rows, available }
    },
  },
  category: {
    earned: (r, s) => ({ earned: s.counted[r.category] }),
    toward: (r, a) => a.counted[r.category],
    demand: (r, rhs) => {
      const coefficient = (c: Worth) => c.points[r.category]
      return { rows: [{ label: r.id, rhs, coefficient }], available: availableOf(coefficient) }
    },
  },
  approved: {
    earned: (_, s) => ({ earned: sumPoints(s.approved) }),
    toward: (_, a) => (a.approved ? sumPoints(a.counted) : 0),
    demand: (r, rhs) => ({
      rows: [{ label: r.id, rhs, coefficient: approvedOnly }],
      available: availableOf(approvedOnly),
    }),
  },
  'any-of': {
    earned: (r, s) => {
      const best = bestOption(r, s.counted)
      return { earned: r.required - best.shortfall, option: best.option.label }
    },
    toward: (r, a, s) =>
      bestOption(r, s.counted)
        .option.parts.flatMap((part) => part.categories)
        .reduce((sum, c) => sum + a.counted[c], 0),
    demand: (r, rhs, s) => {
      if (rhs <= EPS) return { rows: [] }
      // Either-or: one option is chosen; the chosen option's parts must be covered.
      const have = areaPoints(s.approved, s.unapproved)
      const choice = r.options.map((option) =>
        option.parts.flatMap((part) => {
          const gap = part.points - part.categories.reduce((sum, c) => sum + have[c], 0)
          if (gap <= EPS) return []
          const coefficient = (c: Worth) =>
            part.categories.reduce((sum, cat) => sum + c.points[cat], 0)
          return [{ label: `${r.id}: ${option.label}`, rhs: gap, coefficient }]
        }),
      )
      return { rows: [], choice }
    },
  },
}

/** The entry of {@link KINDS} for a requirement, typed for it. */
export function kindOf<R extends Requirement>(requirement: R): KindRule<R> {
  return KINDS[requirement.kind] as unknown as KindRule<R>
}

/** The option of an either-or requirement with the smallest shortfall (the first on ties). */
function bestOption(row: AnyOf, points: Record<Category, number>) {
  const shortfallOf = (option: AnyOf['options'][number]) =>
    option.parts.reduce(
      (s, part) =>
        s + Math.max(0, part.points - part.categories.reduce((t, c) => t + points[c], 0)),
      0,
    )
  let best = {
    option: row.options[0] as AnyOf['options'][number],
    shortfall: Number.POSITIVE_INFINITY,
  }
  for (const option of row.options) {
    const shortfall = Math.min(row.required, shortfallOf(option))
    if (shortfall < best.shortfall) best = { option, shortfall }
  }
  return best
}
