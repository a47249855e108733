import type { ClassLp } from './class-lp.js'
import { INTEGRALITY } from './class-lp.js'
import type { ClassSolution } from './classes.js'

/**
 * The LP solution of `lp` with fractional classes rounded up, then classes stepped down again,
 * those whose last unit costs most first, while every row stays satisfied; null when rounding
 * up breaks a row. Covering models find plans this way.
 */
export function roundedPlan(lp: ClassLp): ClassSolution | null {
  const counts: number[] = new Array(lp.n)
  const activity = new Float64Array(lp.m)
  for (let k = 0; k < lp.n; k++) {
    const v = lp.countOf(k)
    const c = lp.integer[k] ? Math.min(lp.segments(k), Math.ceil(v - INTEGRALITY)) : v
    counts[k] = c
    if (c === 0) continue
    const col = lp.column(k)
    for (let p = col.from; p < col.to; p++) {
      const i = col.index[p] as number
      activity[i] = (activity[i] as number) + (col.value[p] as number) * c
    }
  }
  for (let i = 0; i < lp.m; i++) if (!inside(lp, i, activity[i] as number)) return null
  const down: number[] = []
  for (let k = 0; k < lp.n; k++) if (lp.integer[k] && (counts[k] as number) > 0) down.push(k)
  const last = (k: number) => (counts[k] as number) - 1
  down.sort(
    (a, b) =>
      lp.cost1(b, last(b)) - lp.cost1(a, last(a)) ||
      lp.cost2(b, last(b)) - lp.cost2(a, last(a)) ||
      a - b,
  )
  for (const k of down) {
    const col = lp.column(k)
    while ((counts[k] as number) > 0) {
      let fits = true
      for (let p = col.from; fits && p < col.to; p++) {
        const i = col.index[p] as number
        fits = inside(lp, i, (activity[i] as number) - (col.value[p] as number))
      }
      const c1 = lp.cost1(k, (counts[k] as number) - 1)
      if (!fits || c1 < 0 || (c1 === 0 && lp.cost2(k, (counts[k] as number) - 1) <= 0)) break
      counts[k] = (counts[k] as number) - 1
      for (let p = col.from; p < col.to; p++) {
        const i = col.index[p] as number
        activity[i] = (activity[i] as number) - (col.value[p] as number)
      }
    }
  }
  let cost = 0
  let tie = 0
  for (let k = 0; k < lp.n; k++) {
    const c = counts[k] as number
    if (lp.integer[k]) {
      cost += lp.prefix1(k, c)
      tie += lp.prefix2(k, c)
    } else {
      cost += lp.cost1(k, 0) * c
      tie += lp.cost2(k, 0) * c
    }
  }
  return { counts, cost, tie }
}

/** Whether a row's activity is within its bounds (to a relative 1e-9). */
function inside(lp: ClassLp, i: number, a: number): boolean {
  const [lo, up] = lp.rowBounds(i)
  return a >= lo - 1e-9 * (1 + Math.abs(lo)) && a <= up + 1e-9 * (1 + Math.abs(up))
}
