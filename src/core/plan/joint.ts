import type { Solver } from '../milp/port.js'
import { type JointPlan, planJointly } from './build.js'
import { roundMoney } from './prices.js'
import type { JointPlanInput, JointPlanResponse, PlanOptions } from './schemas.js'

/**
 * One plan for several credentials, compared with planning each alone: every course counts for
 * each credential whose rules and cycle accept it, so one course can serve two.
 *
 * ```ts
 * await buildJointPlan({ targets: [{ rules: cma, cycleEnd: '2027-06-30' },
 *                                  { rules: ccma, cycleEnd: '2027-03-31' }], ... }, solver)
 * // -> { plan: { courses: [{ id, serves: [{ credential: 'cma-aama', ... },
 * //                                       { credential: 'ccma-nha', ... }] }, ...] },
 * //      separate: { total: 58, ... }, saving: { amount: 12, hours: 8, summary: ... } }
 * ```
 */
export async function buildJointPlan(
  input: JointPlanInput,
  solver: Solver,
  options: PlanOptions = {},
): Promise<JointPlanResponse> {
  const joint = await planJointly(input, solver, options)
  const alone: JointPlan[] = []
  for (const target of input.targets) {
    alone.push(
      await planJointly({ ...input, targets: [target] }, solver, {
        ...options,
        alternatives: false,
      }),
    )
  }
  const separate = {
    total: alone.every((a) => a.plan.total !== null)
      ? roundMoney(alone.reduce((s, a) => s + (a.plan.total as number), 0))
      : null,
    hours: alone.every((a) => a.plan.feasible)
      ? Math.round(alone.reduce((s, a) => s + a.plan.hours, 0) * 100) / 100
      : null,
    plans: alone.map((a, i) => ({
      credential: (input.targets[i] as JointPlanInput['targets'][number]).rules.id,
      feasible: a.plan.feasible,
      optimal: a.plan.optimal,
      total: a.plan.total,
      hours: a.plan.hours,
      courses: a.plan.courses.map((c) => c.id),
    })),
  }
  return {
    credentials: joint.progress,
    plan: joint.plan,
    separate,
    saving: savingOf(joint, separate),
    // No exam alternative here: an exam renews one credential, not the set planned.
    alternatives: joint.alternatives,
    sample: joint.sample,
    warnings: joint.warnings,
  }
}

/**
 * The joint plan against the separate ones: dollars and hours saved, in words; null unless
 * every plan is proved (a saving between unproved totals is no saving). A joint plan may cost
 * more: a course that counts for both can be dated only once, where each credential's own plan
 * may date it in its own cycle.
 */
export function savingOf(
  joint: Pick<JointPlan, 'plan'>,
  separate: {
    total: number | null
    hours: number | null
    plans: readonly { optimal: boolean }[]
  },
): JointPlanResponse['saving'] {
  const { plan } = joint
  if (!plan.feasible || plan.total === null || separate.total === null || separate.hours === null)
    return null
  if (!plan.optimal || !separate.plans.every((p) => p.optimal)) return null
  // The fees are the same either way (each credential's once), so the known totals compare.
  const amount = roundMoney(separate.total - plan.total)
  const hours = Math.round((separate.hours - plan.hours) * 100) / 100
  const against = "against following each credential's own plan"
  const summary =
    amount === 0 && hours === 0
      ? "one plan for all costs the same as following each credential's own plan"
      : amount >= 0 && hours >= 0
        ? `one plan for all saves $${amount.toFixed(2)} and ${hours} hours ${against}`
        : `one plan for all ${amount >= 0 ? `saves $${amount.toFixed(2)}` : `costs $${(-amount).toFixed(2)} more`} and ${hours >= 0 ? `saves ${hours} hours` : `takes ${-hours} hours more`} ${against}`
  return { amount, hours, summary }
}
