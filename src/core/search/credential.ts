import type { Approval } from '../catalog/constants.js'
import type { RuleSet } from '../catalog/rule-set.js'
import { DomainError } from '../errors.js'
import type { SearchParams } from './query.js'

/**
 * The approving body whose approval makes a course count for a credential in search: the rule
 * set's issuer. Derived from the loaded rule sets, so every credential the catalog defines
 * (`rma-arma` included) can be searched by.
 */
export function credentialApproval(ruleSet: RuleSet): Approval {
  return ruleSet.issuer.id
}

/**
 * The search with its `credential` resolved against the loaded rule sets (`approvedBy`); an
 * unknown credential is an `INVALID_INPUT` error at the path `credential`.
 */
export function resolveCredential(
  params: SearchParams,
  ruleSets: readonly RuleSet[],
): SearchParams {
  if (params.credential === undefined) return params
  const ruleSet = ruleSets.find((r) => r.id === params.credential)
  if (!ruleSet) {
    throw DomainError.invalid([
      {
        path: 'credential',
        message: `unknown credential; one of ${ruleSets.map((r) => r.id).join(', ')}`,
      },
    ])
  }
  return { ...params, approvedBy: credentialApproval(ruleSet) }
}
