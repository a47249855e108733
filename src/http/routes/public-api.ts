import { cors } from 'hono/cors'
import { limitBody } from '../middleware/body-limit.js'
import { rateLimit } from '../middleware/rate-limit.js'
import { type AppDeps, createRouter, type Limits } from '../router.js'
import { catalogRoutes } from './catalog.js'
import { credentialRoutes } from './credentials.js'
import { planRoutes } from './plan.js'
import { progressRoutes } from './progress.js'
import { schemaRoutes } from './schemas.js'

/**
 * The public API, mounted at /v1: any origin may call it, without credentials (the widgets call
 * it from schools' sites); small bodies; progress and plan rate-limited per client.
 */
export function publicApi(
  deps: AppDeps & { limits: Limits; today: () => string; now: () => number },
) {
  const { limits, now } = deps
  const api = createRouter()
  api.use('*', cors({ origin: '*', allowMethods: ['GET', 'POST'], maxAge: 86_400 }))
  api.use('*', limitBody(limits.bodyBytes))
  const perClient = rateLimit({
    perMinute: limits.perMinute,
    burst: limits.burst,
    clientKey: deps.clientKey ?? (() => 'everyone'),
    now,
  })
  api.on('POST', ['/progress', '/plan'], perClient)
  api.route('/', catalogRoutes(deps))
  api.route('/', schemaRoutes())
  api.route('/', credentialRoutes(deps))
  api.route('/', progressRoutes(deps))
  api.route('/', planRoutes({ ...deps, planMs: limits.planMs }))
  return api
}
