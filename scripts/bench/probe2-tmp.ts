import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Milp } from '../../src/core/milp.js'

const solver = new HighsSolver()
const m: Milp = {
  cost: [300, 200, 400, 1000],
  lower: [0, 0, 0, 0],
  upper: [1, 1, 1, 1],
  integer: [true, true, true, true],
  rows: [{ lower: 2, upper: Infinity, index: [0, 1, 2, 3], value: [1, 1, 1, 1] }],
}
for (const opts of [{}, { integralObjective: true }, { relax: true }]) {
  await solver.solve(m, opts)
  const t = performance.now()
  for (let i = 0; i < 50; i++) await solver.solve(m, opts)
  console.log(JSON.stringify(opts), ((performance.now() - t) / 50).toFixed(2), 'ms')
}
