import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { SolvedRoots, searchClasses } from '../../src/core/milp/class-search.js'
import {
  type ClassModel,
  CountPool,
  evaluate,
  lexBefore,
  type UnitClass,
} from '../../src/core/milp/classes.js'
import { solveClasses, solveExpanded } from '../../src/core/milp/covering.js'
import type { Solver } from '../../src/core/milp/port.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { arbClassModel as arbModel } from '../helpers/class-models.js'

const highs = new HighsSolver()
/** Fails the test if a model is handed to the fallback: these must be solved by the class search. */
const refuse: Solver = { solve: () => Promise.reject(new Error('handed to the fallback')) }
const small = new SmallMilpSolver(refuse)

/** HiGHS as a fallback that counts the models handed to it. */
function countingHighs(): { solver: Solver; calls: number } {
  const counting = {
    calls: 0,
    solver: {
      solve: (model, options) => {
        counting.calls++
        return highs.solve(model, options)
      },
    } as Solver,
  }
  return counting
}

/** Every count vector of an integer model; the lexicographically least feasible objective. */
function bruteForce(model: ClassModel): { cost: number; tie: number } | null {
  let best: { cost: number; tie: number } | null = null
  const counts = model.classes.map(() => 0)
  const visit = (k: number) => {
    if (k === model.classes.length) {
      const o = evaluate(model, counts)
      if (o && (!best || lexBefore(o.cost, o.tie, best.cost, best.tie))) best = o
      return
    }
    for (let c = 0; c <= (model.classes[k] as UnitClass).cost.length; c++) {
      counts[k] = c
      visit(k + 1)
    }
  }
  visit(0)
  return best
}

describe('class search', () => {
  it('agrees with brute force on 800 random integer class models (cost, then tie)', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const expected = bruteForce(model)
        const got = await solveClasses(small, model)
        if (!expected) {
          expect(got.status).toBe('infeasible')
          return
        }
        expect(got.status).toBe('optimal')
        expect(evaluate(model, got.solution?.counts ?? [])).toEqual({
          cost: got.solution?.cost,
          tie: got.solution?.tie,
        })
        expect([got.solution?.cost, got.solution?.tie]).toEqual([expected.cost, expected.tie])
      }),
      { numRuns: 800, seed: 1515 },
    )
  })

  it('agrees with HiGHS on the expanded MILP on 200 random models with continuous classes', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(false), async (model) => {
        const expected = await solveExpanded(highs, model)
        const got = await solveClasses(small, model)
        expect(got.status).toBe(expected.status)
        if (got.status !== 'optimal') return
        expect(got.solution?.cost).toBeCloseTo(expected.solution?.cost as number, 4)
        expect(got.solution?.tie).toBeCloseTo(expected.solution?.tie as number, 4)
      }),
      { numRuns: 200, seed: 2626 },
    )
  })

  it("with relax answers the LP's value: HiGHS's on the expanded MILP, at most the optimum (400 random models)", async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const got = await solveClasses(small, model, { relax: true })
        const expected = await solveExpanded(highs, model, { relax: true })
        expect(got.status).toBe(expected.status)
        expect(got.solution).toBeUndefined()
        if (got.status !== 'optimal') return
        expect(got.bound).toBeCloseTo(expected.bound as number, 4)
        const optimum = bruteForce(model)
        if (optimum) expect(got.bound as number).toBeLessThanOrEqual(optimum.cost + 1e-6)
      }),
      { numRuns: 400, seed: 3737 },
    )
  })

  it('solves a model exactly from its LP solved before (kept once), as from nothing (400 random models)', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), fc.boolean(), async (model, cut) => {
        const expected = bruteForce(model)
        const roots = new SolvedRoots()
        const lp = searchClasses(model, { relax: true, roots }, 5e8)
        // An LP with no solution has no integer one either (the converse need not hold).
        if (lp?.status !== 'optimal') expect([lp?.status, expected]).toEqual(['infeasible', null])
        const options = { roots, ...(cut && expected && { cutoff: expected.cost + 0.5 }) }
        const got = searchClasses(model, options, 5e8)
        // The exact solve took the kept LP: none is left for a third.
        expect(roots.take(model)).toBeUndefined()
        if (!expected) {
          expect(got?.status).toBe('infeasible')
          return
        }
        expect(got?.status).toBe('optimal')
        expect([got?.solution?.cost, got?.solution?.tie]).toEqual([expected.cost, expected.tie])
        expect(evaluate(model, got?.solution?.counts ?? [])).toEqual({
          cost: expected.cost,
          tie: expected.tie,
        })
      }),
      { numRuns: 400, seed: 6161 },
    )
  })

  it('solves models that share a rows array each on its own coefficients (300 random pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), arbModel(true), async (first, other) => {
        const solver = new SmallMilpSolver(refuse)
        // The same rows array; new coefficient arrays (another model's, cut or padded to the
        // rows); and the same coefficient arrays at other costs.
        const m = first.rows.length
        const moved: ClassModel = {
          rows: first.rows,
          classes: other.classes.map((c) => {
            const keep = c.index.flatMap((i, p) => (i < m ? [p] : []))
            return {
              ...c,
              index: keep.map((p) => c.index[p] as number),
              value: keep.map((p) => c.value[p] as number),
            }
          }),
        }
        const repriced: ClassModel = {
          rows: first.rows,
          classes: first.classes.map((c) => ({ ...c, cost: c.cost.map((v) => v + 1) })),
        }
        for (const model of [first, moved, repriced]) {
          const expected = bruteForce(model)
          const got = await solveClasses(solver, model)
          expect(got.status).toBe(expected ? 'optimal' : 'infeasible')
          if (expected)
            expect([got.solution?.cost, got.solution?.tie]).toEqual([expected.cost, expected.tie])
        }
      }),
      { numRuns: 300, seed: 7272 },
    )
  })

  it('keeps the last few solved LPs, each for its own model object, handed out once', async () => {
    const model = (need: number): ClassModel => ({
      rows: [{ lower: need, upper: Number.POSITIVE_INFINITY }],
      classes: [{ index: [0], value: [1], cost: [1, 2, 3, 4], tie: [0, 0, 0, 0], integer: true }],
    })
    const roots = new SolvedRoots(2)
    const [a, b, c] = [model(1), model(2), model(3)]
    for (const m of [a, b, c]) searchClasses(m, { relax: true, roots }, 5e8)
    // An equal model is another object: nothing for it.
    expect(roots.take(structuredClone(c))).toBeUndefined()
    // Two kept: the oldest went.
    expect(roots.take(a)).toBeUndefined()
    expect(roots.take(b)).toBeDefined()
    expect(roots.take(c)).toBeDefined()
    expect(roots.take(c)).toBeUndefined()
  })

  it('answers infeasible when nothing is below the cutoff, and the optimum when it is', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const expected = bruteForce(model)
        if (!expected) return
        const at = await solveClasses(small, model, { cutoff: expected.cost })
        expect(at.status).toBe('infeasible')
        const above = await solveClasses(small, model, { cutoff: expected.cost + 0.5 })
        expect([above.solution?.cost, above.solution?.tie]).toEqual([expected.cost, expected.tie])
      }),
      { numRuns: 200, seed: 3737 },
    )
  })

  it('starts from a pooled solution and still proves the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const expected = bruteForce(model)
        if (!expected) return
        // Every unit of every class: feasible for covering rows, often not for limits.
        const pool = new CountPool()
        pool.add(model.classes.map((c) => c.cost.length))
        const got = await solveClasses(small, model, { pool })
        expect([got.solution?.cost, got.solution?.tie]).toEqual([expected.cost, expected.tie])
        expect(pool.best(model)?.cost).toBe(expected.cost)
      }),
      { numRuns: 200, seed: 4848 },
    )
  })

  it('searches models off any grid (coefficients in sevenths) by branch-and-bound, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (raw) => {
        const model = sevenths(raw)
        const expected = bruteForce(model)
        const got = await solveClasses(small, model)
        if (!expected) {
          expect(got.status).toBe('infeasible')
          return
        }
        expect([got.status, got.solution?.cost, got.solution?.tie]).toEqual([
          'optimal',
          expected.cost,
          expected.tie,
        ])
      }),
      { numRuns: 200, seed: 5959 },
    )
  })

  it('hands a search past its work limit to the fallback, whose answer is the optimum too', async () => {
    const counting = countingHighs()
    const limited = new SmallMilpSolver(counting.solver, { rows: 64, work: 2e6, classWork: 1 })
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const expected = bruteForce(model)
        const got = await solveClasses(limited, model)
        if (expected)
          expect([got.solution?.cost, got.solution?.tie]).toEqual([expected.cost, expected.tie])
        else expect(got.status).toBe('infeasible')
      }),
      { numRuns: 60, seed: 6161 },
    )
    expect(counting.calls).toBeGreaterThan(0)
  })

  it('hands a model with units out of order (not convex) to the fallback, and only such a model', async () => {
    const counting = countingHighs()
    const solver = new SmallMilpSolver(counting.solver)
    await fc.assert(
      fc.asyncProperty(arbModel(true), fc.nat(), async (model, pick) => {
        // One class's units in reverse: dearest first, where a unit differs from the next.
        const k = pick % model.classes.length
        const c = model.classes[k] as UnitClass
        const reversed = { ...c, cost: [...c.cost].reverse(), tie: [...c.tie].reverse() }
        const shuffled = {
          ...model,
          classes: model.classes.map((d, i) => (i === k ? reversed : d)),
        }
        const outOfOrder = reversed.cost.some(
          (a, u) =>
            u > 0 &&
            (a < (reversed.cost[u - 1] as number) ||
              (a === reversed.cost[u - 1] &&
                (reversed.tie[u] as number) < (reversed.tie[u - 1] as number))),
        )
        const before = counting.calls
        const expected = bruteForce(shuffled)
        const got = await solveClasses(solver, shuffled)
        expect(counting.calls > before).toBe(outOfOrder)
        if (expected)
          expect([got.solution?.cost, got.solution?.tie]).toEqual([expected.cost, expected.tie])
        else expect(got.status).toBe('infeasible')
      }),
      { numRuns: 200, seed: 7171 },
    )
    expect(counting.calls).toBeGreaterThan(20)
  })

  it('stops when asked: what it answers is feasible, and proved optimal only when it is', async () => {
    let stopped = 0
    await fc.assert(
      fc.asyncProperty(arbModel(true), async (model) => {
        const expected = bruteForce(model)
        const got = await solveClasses(small, model, { shouldStop: () => true })
        if (got.status === 'time-limit') {
          stopped++
          if (got.solution) expect(evaluate(model, got.solution.counts)).not.toBeNull()
          if (got.solution && expected)
            expect(got.solution.cost).toBeGreaterThanOrEqual(expected.cost)
        } else if (expected) {
          expect([got.status, got.solution?.cost]).toEqual(['optimal', expected.cost])
        } else expect(got.status).toBe('infeasible')
      }),
      { numRuns: 300, seed: 7272 },
    )
    expect(stopped).toBeGreaterThan(0)
  })
})

/** The same model with every coefficient and bound scaled by 2/7: no grid of small steps fits. */
function sevenths(model: ClassModel): ClassModel {
  return {
    rows: model.rows.map((r) => ({ lower: (r.lower * 2) / 7, upper: (r.upper * 2) / 7 })),
    classes: model.classes.map((c) => ({ ...c, value: c.value.map((v) => (v * 2) / 7) })),
  }
}
