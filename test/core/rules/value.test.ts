import { describe, it } from 'vitest'
import { run, valueCases } from './cases.js'

describe('rules engine: what an activity is worth (docs/rules.md, case by case)', () => {
  it.each(valueCases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    c.check(run(c.ruleSet, c.cycleEnd, c.asOf, c.activities, c.offers))
  })
})
