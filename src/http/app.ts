import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { problem, problemResponse, toProblem } from './errors.js'
import { adminAuth, limitBody, rateLimit, requestLog } from './guards.js'
import { type AppDeps, createRouter, DEFAULT_LIMITS } from './router.js'
import { adminRouteDocs, adminRoutes } from './routes/admin.js'
import { catalogRoutes } from './routes/catalog.js'
import { credentialRoutes } from './routes/credentials.js'
import { docsRoutes } from './routes/docs.js'
import { healthRoutes } from './routes/health.js'
import { pageRoutes } from './routes/pages.js'
import { planRoutes } from './routes/plan.js'
import { progressRoutes } from './routes/progress.js'
import { schemaRoutes } from './routes/schemas.js'

export type { AppDeps } from './router.js'

/** The whole HTTP API; entry files wrap it for Node or Workers. */
export function createApp(deps: AppDeps) {
  const app = createRouter()
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const now = deps.now ?? (() => performance.now())
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
  // The public API answers any origin, without credentials (the widgets call it from schools'
  // sites); the admin API never does.
  const publicCors = cors({ origin: '*', allowMethods: ['GET', 'POST'], maxAge: 86_400 })
  app.use('/v1/*', (c, next) => (c.req.path.startsWith('/v1/admin') ? next() : publicCors(c, next)))
  const publicBody = limitBody(limits.bodyBytes)
  const adminBody = limitBody(limits.adminBodyBytes)
  app.use('*', (c, next) =>
    c.req.path.startsWith('/v1/admin/') ? adminBody(c, next) : publicBody(c, next),
  )
  const perClient = rateLimit({
    perMinute: limits.perMinute,
    burst: limits.burst,
    clientKey: deps.clientKey ?? (() => 'everyone'),
    now,
  })
  app.on('POST', ['/v1/progress', '/v1/plan'], perClient)
  const admin = deps.importer && deps.adminToken ? deps.importer : null
  app.use('/v1/admin/*', adminAuth(admin ? deps.adminToken : undefined))
  app.route('/', healthRoutes(deps))
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10))
  app.route('/v1', catalogRoutes({ ...deps, today }))
  app.route('/v1', schemaRoutes())
  app.route('/v1', credentialRoutes(deps))
  app.route('/v1', progressRoutes({ ...deps, today }))
  app.route('/v1', planRoutes({ ...deps, today, now, planMs: limits.planMs }))
  if (admin) app.route('/v1', adminRoutes({ catalog: deps.catalog, importer: admin }))
  // Documented even where it is off (it then answers 404), so that clients can be written.
  else
    for (const route of adminRouteDocs)
      app.openAPIRegistry.registerPath({ ...route, path: `/v1${route.path}` })
  app.route('/', docsRoutes(app))
  if (deps.widget) app.route('/', pageRoutes(deps.widget))
  app.notFound((c) =>
    problemResponse(
      c,
      problem(404, 'not-found', 'Not found', `No route for ${c.req.method} ${c.req.path}`),
    ),
  )
  app.onError((error, c) => {
    const body = toProblem(error)
    if (body.status >= 500) deps.onError?.(error)
    return problemResponse(c, body)
  })
  return app
}

export type App = ReturnType<typeof createApp>
