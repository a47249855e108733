import type { Offer } from '../catalog/schemas.js'
import { solveExact } from '../milp/exact.js'
import type { Milp, MilpRow, Solver } from '../milp/port.js'
import type { Candidate } from './candidates.js'
import { ColumnReducer } from './columns.js'
import { EPS, type Model } from './model.js'
import { CENTS, HUNDREDTHS, offersCost, pricesWith, relevantOffers, roundMoney } from './prices.js'
import type { PlanInput, PlanOptions, Preferences } from './schemas.js'

/** A solved plan before it is dressed for the response. */
export interface Found {
  offers: Offer[]
  chosen: number[]
  prices: number[]
  cost: number
  hours: number
  optimal: boolean
}

/** Searches the offer choices for the best plan under an objective and limits. */
export class PlanSearch {
  private readonly relevant: Offer[]
  private readonly heldOffers: Offer[]
  private readonly reducer: ColumnReducer

  constructor(
    input: Pick<PlanInput, 'offers' | 'held'>,
    private readonly model: Model,
    private readonly solver: Solver,
    private readonly limits: Pick<PlanOptions, 'shouldStop' | 'timeLimitSeconds'> = {},
  ) {
    this.heldOffers = input.offers.filter((o) => input.held.includes(o.id))
    this.reducer = new ColumnReducer(model)
    this.relevant = relevantOffers(input.offers, input.held, (bought) => this.pricesWith(bought))
  }

  /** Whether planning ran out of time at some point (the plan is then not proved optimal). */
  stopped = false

  private stop(): boolean {
    if (!this.stopped && this.limits.shouldStop?.()) this.stopped = true
    return this.stopped
  }

  private solveLimits() {
    const { shouldStop, timeLimitSeconds } = this.limits
    return {
      ...(shouldStop && { shouldStop: () => this.stop() }),
      ...(timeLimitSeconds !== undefined && { timeLimitSeconds }),
    }
  }

  /** Course prices when these offers are bought (held offers always apply). */
  pricesWith(bought: readonly Offer[]): number[] {
    return pricesWith(this.model.candidates, [...this.heldOffers, ...bought])
  }

  /**
   * The best plan for `objective` ("cost": total, then hours; "hours": hours, then total),
   * within the limits; null when none exists.
   */
  async best(
    objective: 'cost' | 'hours',
    maxHours: number | undefined,
    budget: number | undefined,
    hoursBelow?: number,
  ): Promise<Found | null> {
    const hoursCap = Math.min(
      maxHours ?? Number.POSITIVE_INFINITY,
      hoursBelow ?? Number.POSITIVE_INFINITY,
    )
    let hoursLimit = hoursCap
    if (objective === 'hours') {
      // Hours do not depend on offers: find the fewest, then the cheapest way to get them.
      const fewest = await this.solveFor([], 'hours', hoursCap, Number.POSITIVE_INFINITY)
      if (!fewest) return null
      hoursLimit = fewest.hours
    }
    // Best first: order the offer choices by a lower bound on their cost, then solve exactly
    // while a choice's bound can still beat the best plan found. The bound comes from one LP's
    // duals: by weak duality any dual vector bounds every choice, whose prices only change the
    // objective, so each choice costs a pass over the courses instead of a solve.
    const bound = await this.dualBound()
    const bounded: { offers: Offer[]; offerCost: number; moneyLeft: number; bound: number }[] = []
    for (const offers of this.subsets()) {
      const offerCost = offersCost(offers)
      const moneyLeft = (budget ?? Number.POSITIVE_INFINITY) - offerCost
      if (moneyLeft < -EPS) continue
      bounded.push({
        offers,
        offerCost,
        moneyLeft,
        bound: offerCost + bound(this.pricesWith(offers)),
      })
    }
    bounded.sort((a, b) => a.bound - b.bound || a.offerCost - b.offerCost)
    let best: Found | null = null
    let optimal = true
    for (const { offers, offerCost, moneyLeft, bound } of bounded) {
      if (best && bound >= best.cost + 0.005) continue
      if (best && this.stop()) {
        // Out of time with choices left that might be cheaper: the best so far is unproved.
        optimal = false
        break
      }
      const cutoff = best ? (best.cost - offerCost) * CENTS + 0.5 : undefined
      const found = await this.solveFor(offers, 'cost', hoursLimit, moneyLeft, cutoff)
      if (!found) continue
      optimal &&= found.optimal
      const better =
        !best ||
        found.cost < best.cost - EPS ||
        (Math.abs(found.cost - best.cost) <= EPS && found.hours < best.hours - EPS)
      if (better) best = found
    }
    return best ? { ...best, optimal: best.optimal && optimal } : null
  }

  /**
   * A function giving, for any prices, a lower bound (in dollars) on the cost of the courses of
   * a plan, from the duals y of the LP relaxation at the prices without bought offers:
   * `sum of row bounds * y + sum over columns of min(0, cost - column . y) * upper`.
   */
  private async dualBound(): Promise<(prices: number[]) => number> {
    const { model } = this
    const n = model.candidates.length
    const cents = this.pricesWith([]).map((p) => Math.round(p * CENTS))
    const lp = await this.solver.solve(
      {
        cost: [...cents, ...model.extra.map(() => 0)],
        lower: [...cents.map(() => 0), ...model.extra.map(() => 0)],
        upper: [...cents.map(() => 1), ...model.extra.map((e) => e.upper)],
        integer: [...cents.map(() => true), ...model.extra.map((e) => e.integer)],
        rows: model.rows,
      },
      { relax: true },
    )
    const y = lp.rowDuals
    if (lp.status !== 'optimal' || !y || y.length !== model.rows.length) return () => 0
    let constant = 0
    const aty = new Float64Array(n + model.extra.length)
    model.rows.forEach((row, r) => {
      const dual = y[r] as number
      if (dual > 0 && Number.isFinite(row.lower)) constant += dual * row.lower
      else if (dual < 0 && Number.isFinite(row.upper)) constant += dual * row.upper
      else return // no dual, or the side it prices is unbounded: leave the row out
      row.index.forEach((j, k) => {
        aty[j] = (aty[j] as number) + dual * (row.value[k] as number)
      })
    })
    model.extra.forEach((e, k) => {
      constant += Math.min(0, -(aty[n + k] as number)) * e.upper
    })
    return (prices) => {
      let bound = constant
      for (let j = 0; j < n; j++) {
        bound += Math.min(0, Math.round((prices[j] as number) * CENTS) - (aty[j] as number))
      }
      return Math.max(0, bound - 1e-6) / CENTS
    }
  }

  /** Up to five cost-vs-hours trade-offs strictly between the cheapest and the fastest plans. */
  async pareto(primary: Found, second: Found | null, preferences: Preferences): Promise<Found[]> {
    const cheapest = primary.cost <= (second?.cost ?? Number.POSITIVE_INFINITY) ? primary : second
    const fastest = second && second.hours < primary.hours ? second : primary
    if (!cheapest || !second || fastest.hours >= cheapest.hours - EPS) return []
    const points: Found[] = []
    let hours = cheapest.hours
    for (let k = 0; k < 5; k++) {
      const next = await this.best(
        'cost',
        preferences.maxHours,
        preferences.budget,
        hours - 1 / HUNDREDTHS,
      )
      if (!next || next.hours <= fastest.hours + EPS) break
      points.push(next)
      hours = next.hours
    }
    return points
  }

  private subsets(): Offer[][] {
    const out: Offer[][] = []
    const k = this.relevant.length
    for (let mask = 0; mask < 1 << k; mask++) {
      out.push(this.relevant.filter((_, i) => mask & (1 << i)))
    }
    return out.sort((a, b) => offersCost(a) - offersCost(b) || a.length - b.length)
  }

  /**
   * Solves the covering MILP for fixed offers: cost (in cents) first, then hours among the
   * cheapest; or hours alone. Returns null when infeasible.
   */
  private async solveFor(
    offers: Offer[],
    objective: 'cost' | 'hours',
    hoursLimit: number,
    moneyLeft: number,
    cutoff?: number,
  ): Promise<Found | null> {
    const { model } = this
    const prices = this.pricesWith(offers)
    const columns = this.reducer.columns(prices)
    const { base, cents, hundredths } = coveringMilp(model, columns, prices, hoursLimit, moneyLeft)
    const pad = (v: number[]) => [...v, ...model.extra.map(() => 0)]
    const [primary, secondary] = objective === 'cost' ? [cents, hundredths] : [hundredths, cents]
    const found = await solveExact(
      this.solver,
      { ...base, cost: pad(primary) },
      { ...this.solveLimits(), integralObjective: true, ...(cutoff !== undefined && { cutoff }) },
    )
    if (!found?.feasible) return null
    // Tie-break on the other measure among the optimal plans: only columns that can be part of
    // an optimal plan stay free (the first solve's reduced-cost fixing at its final gap).
    const tie = await solveExact(
      this.solver,
      {
        ...base,
        ...(found.within ?? {}),
        cost: pad(secondary),
        rows: [
          ...base.rows,
          {
            lower: Number.NEGATIVE_INFINITY,
            upper: Math.round(found.objective) + 1e-6,
            index: primary.map((_, k) => k),
            value: primary,
          },
        ],
      },
      { ...this.solveLimits(), incumbent: found.x, integralObjective: true },
    )
    const optimal = found.status === 'optimal' && tie?.status === 'optimal'
    const x = tie?.feasible ? tie.x : found.x
    const chosen = columns
      .flatMap((members, k) => members.slice(0, Math.round(x[k] as number)))
      .sort((a, b) => a - b)
    return {
      offers,
      chosen,
      prices,
      cost: roundMoney(offersCost(offers) + chosen.reduce((s, j) => s + (prices[j] as number), 0)),
      hours:
        Math.round(
          chosen.reduce((s, j) => s + (model.candidates[j] as Candidate).weight, 0) * 100,
        ) / 100,
      optimal,
    }
  }
}

/**
 * The covering MILP over the reduced columns at fixed prices (without its objective), with the
 * hour and money limits as rows; and the columns' costs in cents and hours in hundredths.
 */
function coveringMilp(
  model: Model,
  columns: number[][],
  prices: readonly number[],
  hoursLimit: number,
  moneyLeft: number,
) {
  const keep = columns.map((members) => members[0] as number)
  const n = keep.length
  const colOf = new Map(keep.map((j, k) => [j, k]))
  const remap = (row: MilpRow): MilpRow => {
    const index: number[] = []
    const value: number[] = []
    row.index.forEach((j, k) => {
      const to = j < model.candidates.length ? colOf.get(j) : n + (j - model.candidates.length)
      if (to !== undefined) {
        index.push(to)
        value.push(row.value[k] as number)
      }
    })
    return { lower: row.lower, upper: row.upper, index, value }
  }
  const cents = keep.map((j) => Math.round((prices[j] as number) * CENTS))
  const hundredths = keep.map((j) =>
    Math.round((model.candidates[j] as Candidate).weight * HUNDREDTHS),
  )
  const base: Milp = {
    cost: [],
    lower: [...keep.map(() => 0), ...model.extra.map(() => 0)],
    upper: [...columns.map((members) => members.length), ...model.extra.map((e) => e.upper)],
    integer: [...keep.map(() => true), ...model.extra.map((e) => e.integer)],
    rows: model.rows.map(remap),
  }
  const all = keep.map((_, k) => k)
  if (Number.isFinite(hoursLimit)) {
    base.rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.round(hoursLimit * HUNDREDTHS) + EPS,
      index: all,
      value: hundredths,
    })
  }
  if (Number.isFinite(moneyLeft)) {
    base.rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.round(moneyLeft * CENTS) + 1e-6,
      index: all,
      value: cents,
    })
  }
  return { base, cents, hundredths }
}
