/**
 * What one page yields: its schema.org records when it carries any (whatever the provider),
 * otherwise what its provider's recipe reads (CSS selectors or a named parser).
 */
import type { Course } from '../core/catalog/schemas.js'
import { stableId } from './normalize.js'
import { PARSERS } from './providers/index.js'
import type { Recipe } from './recipes.js'
import { parseWithSelectors } from './selectors.js'
import { type Party, readStructured, type StatedCourse } from './structured/index.js'
import type { Page } from './types.js'

export interface PageRecords {
  records: Course[]
  /** Who the structured data says offers each record (same order), when it says. */
  offeredBy: (Party | null)[]
  /** How the records were read. */
  via: 'schema.org' | 'selectors' | 'parser' | 'none'
  problems: string[]
}

export async function readPage(
  page: Page,
  provider: string,
  recipe?: Recipe,
): Promise<PageRecords> {
  const structured = await readStructured(page.html, page.url)
  if (structured.records.length > 0)
    return {
      records: structured.records.map((r) => toCourse(r, provider, page)),
      offeredBy: structured.records.map((r) => r.offeredBy),
      via: 'schema.org',
      problems: structured.problems,
    }
  const fromRecipe = readByRecipe(page, provider, recipe)
  return {
    ...fromRecipe,
    offeredBy: fromRecipe.records.map(() => null),
    problems: structured.problems,
  }
}

function readByRecipe(
  page: Page,
  provider: string,
  recipe: Recipe | undefined,
): Pick<PageRecords, 'records' | 'via'> {
  const defaults = recipe?.defaults
  const withDefaults = (c: Course, formatStated: boolean): Course => ({
    ...c,
    ...(c.approvals.length === 0 && defaults?.approvals && { approvals: defaults.approvals }),
    ...(!formatStated && defaults?.format && { format: defaults.format }),
  })
  if (recipe?.selectors) {
    const stated = recipe.selectors.format !== undefined
    const records = parseWithSelectors(page, provider, recipe.selectors)
    return { records: records.map((c) => withDefaults(c, stated)), via: 'selectors' }
  }
  if (recipe?.parser) {
    const records = PARSERS[recipe.parser](page, provider)
    return { records: records.map((c) => withDefaults(c, true)), via: 'parser' }
  }
  return { records: [], via: 'none' }
}

/** A stated record as a catalog course: a price in dollars is planned, any other kept as stated. */
export function toCourse(r: StatedCourse, provider: string, page: Page): Course {
  const { price, code, offeredBy: _by, kind: _kind, ...rest } = r
  const dollars = price && (price.currency === 'USD' || price.amount === 0)
  return {
    id: stableId(provider, code || r.title),
    provider,
    ...rest,
    price: dollars ? price.amount : null,
    ...(price && !dollars && { listPrice: price }),
    source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
  }
}
