import type { RuleSet } from '../catalog/rule-set.js'
import { DomainError } from '../errors.js'
import type { SearchParams } from './query.js'

/**
 * The search with its `credential` checked against the loaded rule sets and judged on `today`
 * (`countsOn`): the courses kept are those that count for it if completed today. An unknown
 * credential is an `INVALID_INPUT` error at the path `credential`.
 */
export function resolveCredential(
  params: SearchParams,
  ruleSets: readonly RuleSet[],
  today: string,
): SearchParams {
  if (params.credential === undefined) return params
  if (!ruleSets.some((r) => r.id === params.credential)) {
    throw DomainError.invalid([
      {
        path: 'credential',
        message: `unknown credential; one of ${ruleSets.map((r) => r.id).join(', ')}`,
      },
    ])
  }
  return { ...params, countsOn: today }
}
