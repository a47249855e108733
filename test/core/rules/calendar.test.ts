import { describe, it } from 'vitest'
import { calendarCases, run } from './cases.js'

describe('rules engine: cycles and grace (docs/rules.md, case by case)', () => {
  it.each(calendarCases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    c.check(run(c.ruleSet, c.cycleEnd, c.asOf, c.activities, c.offers))
  })
})
