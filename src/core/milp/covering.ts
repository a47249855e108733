import {
  type ClassModel,
  type ClassOptions,
  type ClassResult,
  evaluate,
  expand,
} from './classes.js'
import { solveExact } from './exact.js'
import type { Solver } from './port.js'

/**
 * Solves a class model exactly: by the solver's own class search when it has one (the
 * small-model solver), otherwise, and whenever that search gives up, expanded into a MILP with
 * one column per unit and handed to the solver twice (the cost, then the tie among the
 * cheapest), as a general solver needs.
 */
export async function solveClasses(
  solver: Solver,
  model: ClassModel,
  options: ClassOptions = {},
): Promise<ClassResult> {
  if (solver.solveClasses) return solver.solveClasses(model, options)
  return solveExpanded(solver, model, options)
}

/** The model expanded into a MILP and solved by a general solver: cost, then tie. */
export async function solveExpanded(
  solver: Solver,
  model: ClassModel,
  options: ClassOptions = {},
): Promise<ClassResult> {
  const { milp, columns, other } = expand(model, 'cost')
  const integralObjective = model.classes.every(
    (c) => c.integer && c.cost.every(Number.isInteger) && c.tie.every(Number.isInteger),
  )
  const limits = {
    ...(options.shouldStop && { shouldStop: options.shouldStop }),
    ...(options.timeLimitSeconds !== undefined && { timeLimitSeconds: options.timeLimitSeconds }),
  }
  if (options.relax) {
    const lp = await solver.solve(milp, { ...limits, relax: true })
    if (lp.status === 'optimal') return { status: 'optimal', bound: lp.objective }
    // Infeasible is a proof; anything else (the time limit, an error) proves nothing.
    return { status: lp.status === 'infeasible' ? 'infeasible' : 'time-limit' }
  }
  const found = await solveExact(solver, milp, {
    ...limits,
    integralObjective,
    ...(options.cutoff !== undefined && { cutoff: options.cutoff }),
  })
  if (!found?.feasible)
    return { status: found?.status === 'time-limit' ? 'time-limit' : 'infeasible' }
  // The tie among the cheapest: only columns that can be part of a cheapest solution stay free
  // (the first solve's reduced-cost fixing at its final gap).
  const best = integralObjective ? Math.round(found.objective) : found.objective
  const tie = await solveExact(
    solver,
    {
      ...milp,
      ...(found.within ?? {}),
      cost: other,
      rows: [
        ...milp.rows,
        {
          lower: Number.NEGATIVE_INFINITY,
          upper: best + 1e-6,
          index: milp.cost.map((_, j) => j),
          value: milp.cost,
        },
      ],
    },
    { ...limits, incumbent: found.x, integralObjective },
  )
  const x = tie?.feasible ? tie.x : found.x
  const counts = columns.map((own, k) =>
    model.classes[k]?.integer
      ? own.reduce((s, j) => s + Math.round(x[j] as number), 0)
      : (x[own[0] as number] as number),
  )
  const o = evaluate(model, counts)
  if (!o) return { status: 'infeasible' }
  const optimal = found.status === 'optimal' && tie?.status === 'optimal'
  return {
    status: optimal ? 'optimal' : 'time-limit',
    solution: { counts, ...o },
  }
}
