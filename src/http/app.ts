import { secureHeaders } from 'hono/secure-headers'
import { DomainError } from '../core/errors.js'
import { allowedMethods } from './allowed-methods.js'
import { methodNotAllowed, notFound, problemResponse, toProblem } from './errors.js'
import { requestLog } from './middleware/request-log.js'
import { type AppDeps, createRouter, DEFAULT_LIMITS } from './router.js'
import { adminApi } from './routes/admin.js'
import { docsRoutes } from './routes/docs.js'
import { healthRoutes } from './routes/health.js'
import { pageRoutes } from './routes/pages.js'
import { publicApi } from './routes/public-api.js'
import { hideSampleRecords } from './sample.js'

export type { AppDeps } from './router.js'

/** The whole HTTP API; entry files wrap it for Node or Workers. */
export function createApp(deps: AppDeps) {
  const app = createRouter()
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const now = deps.now ?? (() => performance.now())
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10))
  if (deps.log) app.use('*', requestLog(deps.log, now))
  // nosniff, a referrer policy and friends on everything. Framing is governed per page by CSP
  // frame-ancestors (/embed may be framed anywhere), and /widget.js is loaded cross-origin.
  app.use(
    '*',
    secureHeaders({
      xFrameOptions: false,
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  )
  app.route('/', healthRoutes(deps))
  // The admin sub-app is mounted before the public one and answers every path under it, so the
  // public API's CORS and body limit never apply to it.
  app.route('/v1/admin', adminApi({ ...deps, now, bodyBytes: limits.adminBodyBytes }))
  // SAMPLE_DATA=exclude: the public API reads the catalog through a reader without sample
  // records; the admin API above keeps seeing the whole catalog it manages.
  const catalog = deps.sampleData === 'exclude' ? hideSampleRecords(deps.catalog) : deps.catalog
  app.route('/v1', publicApi({ ...deps, catalog, limits, today, now }))
  app.route('/', docsRoutes(app))
  if (deps.widget) app.route('/', pageRoutes(deps.widget))
  // Every route is added by now: the methods each path is served with, read once.
  const allowed = allowedMethods(app.routes)
  app.notFound((c) => {
    const methods = allowed(c.req.path)
    return methods.length > 0 ? methodNotAllowed(c, methods) : notFound(c)
  })
  app.onError((error, c) => {
    const body = toProblem(error)
    // Domain errors (a catalog still loading) are expected; anything else at 5xx is logged.
    if (body.status >= 500 && !(error instanceof DomainError)) deps.onError?.(error)
    return problemResponse(c, body)
  })
  return app
}

export type App = ReturnType<typeof createApp>
