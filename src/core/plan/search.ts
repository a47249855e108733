import type { Offer } from '../catalog/schemas.js'
import { SolvedRoots } from '../milp/class-search.js'
import { CountPool } from '../milp/classes.js'
import { solveClasses } from '../milp/covering.js'
import type { Solver } from '../milp/port.js'
import type { Candidate } from './candidates.js'
import {
  type Choice,
  choiceKey,
  leastCents,
  leastRatio,
  type OfferChoice,
  offerChoices,
  type Stage,
} from './choices.js'
import { ColumnReducer } from './columns.js'
import { EPS, type Model } from './model.js'
import {
  type CandidatePrices,
  CENTS,
  HUNDREDTHS,
  type Lowering,
  lowered,
  offersCost,
  pricesOf,
  relevantOffers,
  roundMoney,
} from './prices.js'
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
  /** Course prices with the held offers alone, and where each other offer lowers them. */
  private readonly prices: CandidatePrices
  private readonly base: number[]
  private readonly reducer: ColumnReducer
  /**
   * Kept for the whole request: each offer choice's prices, classes and bounds (the plans
   * found so far are in `solved` and the class search's pool).
   */
  private readonly memo = new Map<string, Choice>()
  private readonly pool = new CountPool()
  /** LP bounds kept for the exact solve of the same choice (milp/class-search.ts). */
  private readonly roots = new SolvedRoots()

  constructor(
    input: Pick<PlanInput, 'offers' | 'held'>,
    private readonly model: Model,
    private readonly solver: Solver,
    private readonly limits: Pick<
      PlanOptions,
      'shouldStop' | 'timeLimitSeconds' | 'everyOfferChoice'
    > = {},
  ) {
    // Held offers always apply: the list prices lowered by them are every choice's base.
    const held = input.offers.filter((o) => input.held.includes(o.id))
    this.prices = pricesOf(model)
    this.base = this.prices.base(held)
    this.reducer = new ColumnReducer(model)
    this.relevant = relevantOffers(input.offers, input.held, this.base, (o) => this.lowering(o))
  }

  /** Where an offer lowers this request's base prices (one object per offer: prices.ts). */
  private lowering(offer: Offer): Lowering {
    return this.prices.lowering(this.base, offer)
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
      roots: this.roots,
    }
  }

  /** One choice of offers as this request knows it: where they lower prices. */
  private entry(bought: readonly Offer[], key = choiceKey(bought)): Choice {
    let entry = this.memo.get(key)
    if (!entry) {
      entry = { lowerings: bought.map((o) => this.lowering(o)) }
      this.memo.set(key, entry)
    }
    return entry
  }

  /**
   * The LP bound of a choice's course costs (dollars), computed once per request: it holds
   * under any hour limit or budget, which only take plans away. 0 when the LP is not solved.
   */
  private async lpBound(offers: readonly Offer[]): Promise<number> {
    const entry = this.entry(offers)
    if (entry.bound === undefined) {
      const lp = await solveClasses(this.solver, this.classModel(offers, 'cost', Infinity), {
        ...this.solveLimits(),
        relax: true,
      })
      if (lp.status === 'optimal' && lp.bound !== undefined) {
        entry.lp = lp.bound
        this.solvedLps.push(entry)
        entry.bound = leastCents(lp.bound) / CENTS
      } else entry.bound = 0
    }
    return entry.bound
  }

  /**
   * A bound on a choice's course costs (dollars) from the LPs of the choices solved so far in
   * this request, without a solve: the best of each one's value scaled by the least ratio of
   * prices (leastRatio), each LP read once per choice. A choice that adds a 50% discount to a
   * solved one costs at least half its LP value; one that makes some course free gets nothing
   * from it. 0 when nothing is known.
   */
  private scaledBound(offers: readonly Offer[], key: string): number {
    const entry = this.entry(offers, key)
    entry.scaled ??= { cents: 0, read: 0 }
    const { scaled } = entry
    for (; scaled.read < this.solvedLps.length; scaled.read++) {
      const other = this.solvedLps[scaled.read] as Choice & { lp: number }
      const ratio = leastRatio(entry, other)
      scaled.cents = Math.max(scaled.cents, leastCents(ratio * other.lp))
    }
    return scaled.cents / CENTS
  }

  /** The choices whose LP this request has solved, in order. */
  private readonly solvedLps: Choice[] = []

  /**
   * A choice's covering model; by cost with no hour limit, one object per request (the LP bound's
   * and the solve's: Choice.costModel).
   */
  private classModel(offers: readonly Offer[], objective: 'cost' | 'hours', hoursLimit: number) {
    const { prices, members } = this.choice(offers)
    if (objective === 'hours' || Number.isFinite(hoursLimit))
      return this.reducer.classModel(members, prices, objective, hoursLimit)
    const entry = this.entry(offers)
    entry.costModel ??= this.reducer.classModel(members, prices, 'cost', hoursLimit)
    return entry.costModel
  }

  /** Prices and classes of one choice of offers, computed once per request. */
  private choice(bought: readonly Offer[]): { prices: number[]; members: number[][] } {
    const entry = this.entry(bought)
    entry.prices ??= lowered(this.base, entry.lowerings)
    entry.members ??= this.reducer.classes(entry.prices, this.base, entry.lowerings)
    return { prices: entry.prices, members: entry.members }
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
    // while a choice's bound can still beat the best plan found. A choice starts at its offers'
    // price (plus what an earlier search of this request learnt of its cost). When it
    // comes first it gets a bound scaled from the LPs solved so far (no solve) and goes back in
    // line; if it comes first again, its own LP's value (a fraction of a solve's time), and
    // back in line; so it is solved only if it still comes first. The cheapest choice is then
    // usually the one solved, and the others are cut by their bounds. (Why not one LP's duals
    // for every choice: README, Benchmarks.)
    const bounded: {
      offers: Offer[]
      /** Its place in the list of choices (cheapest first): the last word in a tie of plans. */
      index: number
      key: string
      offerCost: number
      moneyLeft: number
      bound: number
      stage: Stage
    }[] = []
    // A benchmark reference: no bound, so every choice is solved (cheapest offers first), or
    // answered by an earlier solve of it in this request.
    const every = this.limits.everyOfferChoice === true
    for (const [index, { offers, key, offerCost }] of this.subsets().entries()) {
      const moneyLeft = (budget ?? Number.POSITIVE_INFINITY) - offerCost
      if (moneyLeft < -EPS) continue
      const memo = this.memo.get(key)
      const known = memo?.bound
      bounded.push({
        offers,
        index,
        key,
        offerCost,
        moneyLeft,
        bound: every ? 0 : offerCost + (known ?? (memo?.scaled?.cents ?? 0) / CENTS),
        stage: every || known !== undefined ? 'lp' : 'offers',
      })
    }
    let best: Found | null = null
    let bestIndex = -1
    let optimal = true
    // Cheapest last, so that the next is popped off the end, and one whose bound rises goes back
    // in its place behind its equals (a search has up to 4,096 choices: no sort per step).
    const before = (a: (typeof bounded)[number], b: (typeof bounded)[number]) =>
      a.bound - b.bound || a.offerCost - b.offerCost
    bounded.sort(before).reverse()
    for (;;) {
      const next = bounded.pop()
      if (!next || (best && next.bound >= best.cost + 0.005)) break
      if (best && this.stop()) {
        // Out of time with choices left that might be cheaper: the best so far is unproved.
        optimal = false
        break
      }
      const { offers, offerCost, moneyLeft } = next
      if (next.stage !== 'lp') {
        const courses =
          next.stage === 'offers' ? this.scaledBound(offers, next.key) : await this.lpBound(offers)
        next.stage = next.stage === 'offers' ? 'scaled' : 'lp'
        next.bound = Math.max(next.bound, offerCost + courses)
        // Back in its place, popped after every choice no dearer than it (those are a suffix of
        // the list, which runs dearest first).
        let at = 0
        let end = bounded.length
        while (at < end) {
          const mid = (at + end) >>> 1
          if (before(bounded[mid] as (typeof bounded)[number], next) <= 0) end = mid
          else at = mid + 1
        }
        bounded.splice(at, 0, next)
        continue
      }
      const cutoff = best ? (best.cost - offerCost) * CENTS + 0.5 : undefined
      const found = await this.solveFor(offers, 'cost', hoursLimit, moneyLeft, cutoff)
      if (!found) continue
      optimal &&= found.optimal
      // Equal cost: fewer hours; equal hours too: the first choice in the list, whichever was
      // solved first (a tie's answer does not depend on the order the bounds rose in).
      const same = best !== null && Math.abs(found.cost - best.cost) <= EPS
      const better =
        !best ||
        found.cost < best.cost - EPS ||
        (same && found.hours < best.hours - EPS) ||
        (same && Math.abs(found.hours - best.hours) <= EPS && next.index < bestIndex)
      if (better) {
        best = found
        bestIndex = next.index
      }
    }
    return best ? { ...best, optimal: best.optimal && optimal } : null
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

  private choices: OfferChoice[] | null = null

  /** Every choice of the relevant offers, cheapest first (made once per request). */
  private subsets(): OfferChoice[] {
    this.choices ??= offerChoices(this.relevant)
    return this.choices
  }

  /**
   * Solves the covering model for fixed offers: cost (in cents) first, then hours among the
   * cheapest; or hours alone. Returns null when infeasible, or when nothing costs
   * less than `cutoff` cents. A money limit applies to cost solves only (there it is a cutoff);
   * hours are solved without one.
   */
  private async solveFor(
    offers: Offer[],
    objective: 'cost' | 'hours',
    hoursLimit: number,
    moneyLeft: number,
    cutoff?: number,
  ): Promise<Found | null> {
    const { model } = this
    const { prices, members } = this.choice(offers)
    const money =
      objective === 'cost' && Number.isFinite(moneyLeft)
        ? Math.round(moneyLeft * CENTS) + 0.5
        : Number.POSITIVE_INFINITY
    const below = Math.min(money, cutoff ?? Number.POSITIVE_INFINITY)
    const key = `${objective}|${choiceKey(offers)}`
    const known = this.known(key, hoursLimit, below)
    if (known !== undefined) return known
    const result = await solveClasses(this.solver, this.classModel(offers, objective, hoursLimit), {
      ...this.solveLimits(),
      pool: this.pool,
      ...(Number.isFinite(below) && { cutoff: below }),
    })
    const solved = this.solved.get(key) ?? []
    this.solved.set(key, solved)
    if (!result.solution) {
      if (result.status === 'infeasible')
        solved.push({ hoursLimit, below, found: null, primary: 0 })
      return null
    }
    const { counts } = result.solution
    const chosen = members
      .flatMap((own, k) => own.slice(0, Math.round(counts[k] as number)))
      .sort((a, b) => a - b)
    const found: Found = {
      offers,
      chosen,
      prices,
      cost: roundMoney(offersCost(offers) + chosen.reduce((s, j) => s + (prices[j] as number), 0)),
      hours:
        Math.round(
          chosen.reduce((s, j) => s + (model.candidates[j] as Candidate).weight, 0) * 100,
        ) / 100,
      optimal: result.status === 'optimal',
    }
    if (found.optimal) solved.push({ hoursLimit, below, found, primary: result.solution.cost })
    return found
  }

  /** Answers of earlier solves per objective and offer choice, with their limits. */
  private readonly solved = new Map<
    string,
    { hoursLimit: number; below: number; found: Found | null; primary: number }[]
  >()

  /**
   * The answer an earlier solve of the same choice already gives, if any: it was solved with
   * an hour limit at least as loose, so its best plan, when it keeps to this limit, is the best
   * here too (or proves nothing here is below the cutoff); and nothing below its cutoff there
   * means nothing below a lower one here. Undefined when no earlier solve says.
   */
  private known(key: string, hoursLimit: number, below: number): Found | null | undefined {
    for (const e of this.solved.get(key) ?? []) {
      if (e.hoursLimit < hoursLimit) continue
      if (e.found && e.found.hours <= hoursLimit + EPS) return e.primary < below ? e.found : null
      if (!e.found && below <= e.below) return null
    }
    return undefined
  }
}
