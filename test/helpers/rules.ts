import { readFileSync } from 'node:fs'
import { type RuleSet, ruleSetSchema } from '../../src/core/catalog/rule-set.js'
import type { PlanInput } from '../../src/core/plan/build.js'

/** A shipped rule set, validated, straight from `catalog/credentials/<id>.json`. */
export function loadRuleSet(id: string): RuleSet {
  const file = new URL(`../../catalog/credentials/${id}.json`, import.meta.url)
  return ruleSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}

/** A CMA (AAMA) plan request with nothing in it yet: cycle ending 2027-06-30, asked 2026-11-24. */
export function cmaPlanInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    rules: CMA_RULES,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    held: [],
    activities: [],
    courses: [],
    offers: [],
    preferences: { objective: 'cost' },
    ...overrides,
  }
}

const CMA_RULES = loadRuleSet('cma-aama')
