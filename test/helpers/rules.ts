import { readFileSync } from 'node:fs'
import { type RuleSet, ruleSetSchema } from '../../src/core/catalog/rule-set.js'

/** A shipped rule set, validated, straight from `catalog/credentials/<id>.json`. */
export function loadRuleSet(id: string): RuleSet {
  const file = new URL(`../../catalog/credentials/${id}.json`, import.meta.url)
  return ruleSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}
