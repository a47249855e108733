import { OpenAPIHono } from '@hono/zod-openapi'
import type { CatalogReader, SearchIndex } from '../core/ports.js'
import { problemResponse, validationProblem } from './errors.js'

export interface AppDeps {
  catalog: CatalogReader
  search: SearchIndex
  /** Called for unexpected errors; never receives request bodies. */
  onError?: (error: unknown) => void
}

export type AppEnv = { Variables: Record<string, never> }

/** A router whose request validation failures answer 400 problem+json. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationProblem(result.target, result.error))
    },
  })
}
