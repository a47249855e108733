import { describe, it } from 'vitest'
import { run } from './cases.js'
import { credentialCases } from './cases-credentials.js'

describe('rules engine: each credential and requirement kind (docs/rules.md, case by case)', () => {
  it.each(credentialCases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    c.check(run(c.ruleSet, c.cycleEnd, c.asOf, c.activities, c.offers))
  })
})
