/**
 * Providers' scrape recipes: data in the catalog folder (`scrape-recipes.json`), validated here.
 * A recipe says where a provider's pages are (`start`), which links on them to follow
 * (`follow`, regular expressions on the absolute URL, same site only) and, only for pages that
 * carry no schema.org data, how to read them: CSS `selectors` for each field, or the name of a
 * provider `parser` written in code. A provider whose pages carry schema.org data needs one line:
 * `{ "provider": "id", "start": ["https://…/courses"], "follow": ["/courses/[^/]+$"] }`.
 */
import { z } from 'zod'
import { jsonPath } from '../core/catalog/document.js'
import { APPROVALS, FORMATS, providerSchema } from '../core/catalog/schemas.js'
import { PARSERS } from './providers/index.js'

export const RECIPES_FILE = 'scrape-recipes.json'

const regex = z.string().refine((s) => {
  try {
    new RegExp(s)
    return true
  } catch {
    return false
  }
}, 'is not a valid regular expression')

/** A CSS selector, optionally `selector@attribute` to read an attribute instead of the text. */
const selector = z.string().min(1).max(300)

export const selectorsSchema = z
  .object({
    /** Each match is one course; the whole page is one course when omitted. */
    item: selector.optional(),
    title: selector,
    description: selector.optional(),
    url: selector.optional(),
    code: selector.optional(),
    price: selector.optional(),
    hours: selector.optional(),
    credits: selector.optional(),
    /** Where the content area (administrative, clinical, general) is named, for bare numbers. */
    area: selector.optional(),
    approvals: selector.optional(),
    format: selector.optional(),
    start: selector.optional(),
    end: selector.optional(),
    location: selector.optional(),
  })
  .strict()

export const recipeSchema = z
  .object({
    provider: providerSchema.shape.id,
    start: z.array(z.url()).max(100).default([]),
    follow: z.array(regex).max(20).default([]),
    /** The most pages one run fetches for this provider. */
    maxPages: z.number().int().positive().max(1_000).default(100),
    parser: z.enum(Object.keys(PARSERS) as [keyof typeof PARSERS]).optional(),
    selectors: selectorsSchema.optional(),
    /**
     * What the provider states once for all its courses, applied to records read by selectors or
     * a parser when the page itself names nothing; never to schema.org records. With its source.
     */
    defaults: z
      .object({
        approvals: z.array(z.enum(APPROVALS)).optional(),
        format: z.enum(FORMATS).optional(),
        source: z.string().min(1).max(500),
      })
      .strict()
      .optional(),
  })
  .strict()

export type Recipe = z.infer<typeof recipeSchema>
export type Selectors = z.infer<typeof selectorsSchema>

export const recipesSchema = z.array(recipeSchema).superRefine((recipes, ctx) => {
  const seen = new Set<string>()
  recipes.forEach((r, i) => {
    if (seen.has(r.provider))
      ctx.addIssue({ code: 'custom', path: [i, 'provider'], message: 'duplicate recipe' })
    seen.add(r.provider)
  })
})

export type RecipesResult = { ok: true; recipes: Recipe[] } | { ok: false; errors: string[] }

export function parseRecipes(text: string): RecipesResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, errors: [`${RECIPES_FILE}: ${(error as Error).message}`] }
  }
  const parsed = recipesSchema.safeParse(data)
  if (parsed.success) return { ok: true, recipes: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${RECIPES_FILE} ${jsonPath(i.path)}: ${i.message}`),
  }
}

/** The recipe whose site a URL belongs to (same host as one of its start pages). */
export function recipeForUrl(recipes: readonly Recipe[], url: string): Recipe | undefined {
  const host = hostOf(url)
  return host ? recipes.find((r) => r.start.some((s) => hostOf(s) === host)) : undefined
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.replace(/^www\./, '')
  } catch {
    return null
  }
}
