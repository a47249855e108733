import { programClasses } from './class-dp.js'
import { ClassLp, INTEGRALITY, type LpSnapshot } from './class-lp.js'
import { roundedPlan } from './class-round.js'
import {
  type ClassModel,
  type ClassOptions,
  type ClassResult,
  type ClassSolution,
  evaluate,
  lexBefore,
} from './classes.js'
import { rowGrid } from './row-grid.js'

const EPS = 1e-6
/** Work for the short branch-and-bound of {@link Search.probe} (the LP's arithmetic, roughly). */
const PROBE_WORK = 3e5
/** Transitions for the first, brief dynamic program (see {@link Search.run}). */
const QUICK_WORK = 5e4

/**
 * Branch-and-bound over the classes of a {@link ClassModel}; null when the work limit is reached
 * (the caller then asks a general solver).
 *
 * Depth first, from the LP relaxation of {@link ClassLp}, warm-started at every node from its
 * parent's basis. A node branches on how many units of a class to take (at most `floor`, or at
 * least `ceil`), never on single units: within a class the cheapest come first, so the
 * interchangeable plans that stall a search over single courses never arise. Each node tries
 * its LP solution rounded up and trimmed (covering models find plans that way), then narrows
 * every class out of the basis to the counts whose reduced costs still fit under the best plan
 * (reduced-cost fixing, over whole runs of units), and branches where strong branching says the
 * weaker child's bound rises most. The best plan starts from the pool of earlier solutions.
 * Both objectives are integers on the planner's models (cents, hundredths of hours), so a bound
 * is rounded up before it is compared.
 */
export function searchClasses(
  model: ClassModel,
  options: ClassOptions,
  workLimit: number,
): ClassResult | null {
  return new Search(model, options).run(workLimit)
}

/**
 * The last few LP relaxations solved alone (`relax`), kept by their model for an exact solve of
 * the same model object (`ClassOptions.roots`): the planner bounds an offer choice by its LP,
 * and solves that same model when the choice comes first (mostly right after), which then
 * starts from the solved root (one warm step) instead of building and solving it again. A kept
 * LP is handed out once. Only `most` are kept: a request with many offers bounds hundreds of
 * choices and solves few, and an LP is tens of kB. One per request (plan/search.ts), so that
 * nothing outlives it. A model must not change once solved.
 */
export class SolvedRoots {
  private readonly kept: { model: ClassModel; lp: ClassLp }[] = []

  constructor(private readonly most = 4) {}

  keep(model: ClassModel, lp: ClassLp) {
    this.kept.push({ model, lp })
    if (this.kept.length > this.most) this.kept.shift()
  }

  take(model: ClassModel): ClassLp | undefined {
    const at = this.kept.findIndex((k) => k.model === model)
    if (at < 0) return undefined
    return this.kept.splice(at, 1)[0]?.lp
  }
}

class Search {
  private readonly lp: ClassLp
  private best: ClassSolution | null = null
  /** Wanted: an objective lexicographically below (t1, t2). */
  private t1: number
  private t2: number
  private readonly integral: boolean

  constructor(
    private readonly model: ClassModel,
    private readonly options: ClassOptions,
  ) {
    this.lp = options.roots?.take(model) ?? new ClassLp(model)
    this.t1 = options.cutoff ?? Number.POSITIVE_INFINITY
    this.t2 = options.cutoff === undefined ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
    this.integral = model.classes.every(
      (c) => c.integer && c.cost.every(Number.isInteger) && c.tie.every(Number.isInteger),
    )
  }

  run(workLimit: number): ClassResult | null {
    const { lp } = this
    const root = lp.solve()
    if (root === 'limit') return null
    if (root === 'infeasible') return { status: 'infeasible' }
    if (this.options.relax) {
      this.options.roots?.keep(this.model, lp)
      return { status: 'optimal', bound: lp.objective1() }
    }
    const pooled = this.options.pool?.best(this.model)
    if (pooled) this.offer(pooled.counts)
    const p = lp.objective1()
    const s = lp.objective2()
    if (!this.possible(p, s)) return this.answer('optimal')
    this.round()
    if (!this.possible(p, s)) return this.answer('optimal')
    this.tighten(p, s)
    // The dynamic program briefly, then a short branch-and-bound, then the program in full: each
    // settles models the others are slow on. When the best plan already costs the LP bound, only
    // the tie is open, and the short branch-and-bound goes first: that is the program's slowest
    // case (its tables and states stay wide while every cost is equal) and branching's quickest.
    const tieOnly = this.best !== null && this.integral && this.t1 <= Math.ceil(p - EPS)
    if (tieOnly) {
      const probed = this.probe(p, workLimit)
      if (probed) return probed
    }
    let proved = this.program(p, s, Math.min(QUICK_WORK, workLimit / 100))
    if (proved === false) {
      const probed = tieOnly ? null : this.probe(p, workLimit)
      if (probed) return probed
      proved = this.program(p, s, workLimit / 100)
    }
    if (proved === 'stopped') return this.answer('time-limit')
    if (proved) return this.answer('optimal')
    return this.branchAndBound(workLimit)
  }

  /**
   * A short branch-and-bound when the LP bound's cost is whole and a brief dynamic program did
   * not settle the model: the plans at that cost then differ only by the tie (as when an offer
   * makes every course a plan needs free, and the fewest hours among them are sought, or on the
   * realistic catalogs, where many plans reach the bound), and there the program's dive misses
   * the plan that meets the bound and its table search can take seconds, while branching finds
   * it in a few nodes. The answer when it finishes within `PROBE_WORK`; otherwise the root is
   * restored, with any plan found kept as the best so far.
   */
  private probe(p: number, workLimit: number): ClassResult | null {
    const { lp } = this
    if (!this.integral || Math.abs(p - Math.ceil(p - EPS)) > EPS) return null
    const root = lp.snapshot()
    const found = this.branchAndBound(Math.min(workLimit, lp.work + PROBE_WORK))
    if (found) return found
    lp.restore(root)
    lp.solve()
    return null
  }

  /**
   * Dynamic programming from the root (see class-dp.ts). First against targets a little above
   * the LP bound, the classes' bounds narrowed by reduced cost against each: the optimum is
   * usually within cents of the LP bound, and the narrower the bounds, the smaller the table
   * of the bound; a target that nothing beats only proves a higher lower bound, and the next is
   * tried, up to the best plan so far. False when the model does not fit on a grid or a work
   * limit is reached.
   */
  private program(p: number, s: number, work: number): boolean | 'stopped' {
    const { lp } = this
    const lo = lp.lo.slice()
    const hi = lp.hi.slice()
    for (const [t1, t2] of [...this.targets(p, s), [this.t1, this.t2] as const]) {
      const last = t1 === this.t1 && t2 === this.t2
      if (!last && !lexBefore(t1, t2, this.t1, this.t2)) continue
      lp.lo.set(lo)
      lp.hi.set(hi)
      this.tighten(p, s, t1, t2)
      const grid = rowGrid(this.model, lp)
      const target = { t1, t2 }
      const found =
        grid &&
        programClasses(lp, grid, target, this.integral, {
          work,
          ...(this.options.shouldStop && { shouldStop: this.options.shouldStop }),
        })
      if (found === 'stopped') return 'stopped'
      if (!found) {
        // Bounds narrowed against a target hold only for plans below it: undo them.
        lp.lo.set(lo)
        lp.hi.set(hi)
        return false
      }
      if (found.counts) this.offer(found.counts)
      if (found.counts || last) return true
    }
    return true
  }

  /**
   * Targets a little above the LP bound (p, s), in the objective's own units: when the bound's
   * cost is whole (it often is the optimum's, as with fewest hours), that cost with a tie a
   * little above the bound's, then with any tie; then the cost's gap. At a whole cost the bounds
   * narrowed against a target hardly depend on its tie (a unit whose reduced cost is not zero is
   * ruled out either way), so more steps of the tie mostly rebuilt the same table: on the
   * benchmark's hard catalogs every one of them failed when the first did. The cost's steps:
   * there the optimum is mostly 30 to 60 cents above the LP bound, and each failed step is a
   * table built for nothing (the README's Benchmarks give the measurements).
   */
  private targets(p: number, s: number): [number, number][] {
    if (!this.integral) return []
    const cost = Math.ceil(p - EPS)
    const ties: [number, number][] =
      Math.abs(p - cost) <= EPS
        ? [
            [cost, Math.ceil(s - EPS) + 16],
            [cost, Number.POSITIVE_INFINITY],
          ]
        : []
    return [
      ...ties,
      ...[64, 160, 512, 2048].map((d): [number, number] => [cost + d, Number.NEGATIVE_INFINITY]),
    ]
  }

  /** Depth-first branch-and-bound from the root (solved, its bounds tightened). */
  private branchAndBound(workLimit: number): ClassResult | null {
    const { lp } = this
    const stack: LpSnapshot[] = [lp.snapshot()]
    let nodes = 0
    while (stack.length > 0) {
      if (lp.work > workLimit) return null
      if (nodes++ > 0 && this.options.shouldStop?.()) return this.answer('time-limit')
      lp.restore(stack.pop() as LpSnapshot)
      const status = lp.solve()
      if (status === 'limit') return null
      if (status === 'infeasible') continue
      const p = lp.objective1()
      const s = lp.objective2()
      if (!this.possible(p, s)) continue
      this.round()
      if (!this.possible(p, s)) continue
      this.tighten(p, s)
      const fractional = this.fractional()
      if (fractional.length === 0) {
        this.offer(this.values())
        continue
      }
      const here = lp.snapshot()
      const children = this.branch(here, fractional)
      if (children === null) return null
      stack.push(...children)
    }
    return this.answer(this.best ? 'optimal' : 'infeasible')
  }

  private answer(status: ClassResult['status']): ClassResult {
    if (!this.best) return { status: status === 'optimal' ? 'infeasible' : status }
    this.options.pool?.add(this.best.counts)
    return { status, solution: this.best }
  }

  /**
   * Whether a node whose LP bound is (p, s) may hold a wanted solution. With integral
   * objectives a solution costs at least ceil(p); the tie bound s only holds for solutions that
   * cost exactly p, so it is used when p is whole.
   */
  private possible(p: number, s: number, t1 = this.t1, t2 = this.t2): boolean {
    if (!this.integral) return p < t1 - EPS || (p <= t1 + EPS && s < t2 - EPS)
    const least = Math.ceil(p - EPS)
    if (least < t1 - EPS) return true
    if (least > t1 + EPS) return false
    if (Math.abs(p - least) > EPS) return t2 > Number.NEGATIVE_INFINITY
    return Math.ceil(s - EPS) < t2 - EPS
  }

  /** Takes a solution as the best when it is feasible and better. */
  private offer(counts: number[] | null) {
    if (!counts) return
    const o = evaluate(this.model, counts)
    if (o) this.accept(counts, o.cost, o.tie)
  }

  /** Takes a feasible solution as the best when it is better. */
  private accept(counts: number[], cost: number, tie: number) {
    if (!lexBefore(cost, tie, this.t1, this.t2)) return
    this.best = { counts, cost, tie }
    this.t1 = cost
    this.t2 = tie
  }

  /** The LP solution's class values (integer classes rounded to the nearest unit). */
  private values(): number[] {
    const { lp } = this
    return Array.from({ length: lp.n }, (_, k) =>
      lp.integer[k] ? Math.round(lp.countOf(k)) : lp.countOf(k),
    )
  }

  /** Integer classes whose basic unit is fractional. */
  private fractional(): number[] {
    const { lp } = this
    const out: number[] = []
    for (let k = 0; k < lp.n; k++) {
      if (lp.row[k] === -1 || !lp.integer[k]) continue
      const t = lp.fraction(k)
      if (t > INTEGRALITY && t < 1 - INTEGRALITY) out.push(k)
    }
    return out
  }

  /** Offers the LP solution rounded up and trimmed (class-round.ts). */
  private round() {
    const found = roundedPlan(this.lp)
    if (found) this.accept(found.counts, found.cost, found.tie)
  }

  /**
   * Reduced-cost fixing over runs of units: a class out of the basis at count c can only take
   * c + j units when the bound plus the reduced costs of those j units may still beat the best
   * plan (convexity makes each further unit at least as dear), and likewise downward.
   */
  private tighten(p: number, s: number, t1 = this.t1, t2 = this.t2) {
    const { lp } = this
    if (t1 === Number.POSITIVE_INFINITY) return
    for (let k = 0; k < lp.n; k++) {
      // A continuous class may move part of the way: only whole units can be ruled out.
      if (lp.row[k] !== -1 || !lp.integer[k]) continue
      const at = lp.at[k] as number
      const a1 = lp.priced1(k)
      const a2 = lp.priced2(k)
      let d1 = 0
      let d2 = 0
      let up = at
      while (up < (lp.hi[k] as number)) {
        d1 += lp.cost1(k, up) - a1
        d2 += lp.cost2(k, up) - a2
        if (!this.possible(p + d1, s + d2, t1, t2)) break
        up++
      }
      if (up < (lp.hi[k] as number)) lp.hi[k] = up
      d1 = 0
      d2 = 0
      let down = at
      while (down > (lp.lo[k] as number)) {
        d1 -= lp.cost1(k, down - 1) - a1
        d2 -= lp.cost2(k, down - 1) - a2
        if (!this.possible(p + d1, s + d2, t1, t2)) break
        down--
      }
      if (down > (lp.lo[k] as number)) lp.lo[k] = down
    }
  }

  /**
   * A child solved: its LP bound (infinite when infeasible) and its basis at the optimum, so
   * that it is not solved again when its turn comes; null past the limits.
   */
  private child(node: LpSnapshot): { bound: [number, number]; node: LpSnapshot } | null {
    const { lp } = this
    lp.restore(node)
    const status = lp.solve()
    if (status === 'limit') return null
    if (status === 'infeasible')
      return { bound: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], node }
    return { bound: [lp.objective1(), lp.objective2()], node: lp.snapshot() }
  }

  /**
   * Strong branching: solve both children of every fractional class (a few warm dual simplex
   * steps each) and branch where the weaker child's bound rises most; a child that cannot beat
   * the best plan settles its class instead. Returns the nodes to push (the better child last,
   * so it is searched first); null past the limits.
   */
  private branch(here: LpSnapshot, fractional: readonly number[]): LpSnapshot[] | null {
    const p = this.lp.objective1()
    let choice: { down: LpSnapshot; up: LpSnapshot; score: number; upFirst: boolean } | null = null
    let settled = false
    for (const k of fractional) {
      const at = here.at[k] as number
      const down = this.child(withBounds(here, k, here.lo[k] as number, at))
      const up = this.child(withBounds(here, k, at + 1, here.hi[k] as number))
      if (down === null || up === null) return null
      const downOk = this.possible(...down.bound)
      const upOk = this.possible(...up.bound)
      if (!downOk && !upOk) return []
      if (!downOk || !upOk) {
        here.lo[k] = downOk ? (here.lo[k] as number) : at + 1
        here.hi[k] = downOk ? at : (here.hi[k] as number)
        settled = true
        continue
      }
      const score = Math.max(down.bound[0] - p, 1e-6) * Math.max(up.bound[0] - p, 1e-6)
      if (!choice || score > choice.score)
        choice = { down: down.node, up: up.node, score, upFirst: up.bound[0] <= down.bound[0] }
    }
    if (settled) return [here]
    if (!choice) return []
    return choice.upFirst ? [choice.down, choice.up] : [choice.up, choice.down]
  }
}

/** A copy of a node with class k's bounds set. */
function withBounds(node: LpSnapshot, k: number, lo: number, hi: number): LpSnapshot {
  const out = { ...node, lo: node.lo.slice(), hi: node.hi.slice() }
  out.lo[k] = lo
  out.hi[k] = hi
  return out
}
