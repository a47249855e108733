import { cors } from 'hono/cors'
import { problem, problemResponse, toProblem } from './errors.js'
import { type AppDeps, createRouter } from './router.js'
import { catalogRoutes } from './routes/catalog.js'
import { credentialRoutes } from './routes/credentials.js'
import { docsRoutes } from './routes/docs.js'
import { healthRoutes } from './routes/health.js'
import { pageRoutes } from './routes/pages.js'
import { planRoutes } from './routes/plan.js'

export type { AppDeps } from './router.js'

/** The whole HTTP API; entry files wrap it for Node or Workers. */
export function createApp(deps: AppDeps) {
  const app = createRouter()
  // The public API answers any origin, without credentials (the widgets call it from schools'
  // sites).
  app.use('/v1/*', cors({ origin: '*', allowMethods: ['GET', 'POST'], maxAge: 86_400 }))
  app.route('/', healthRoutes(deps))
  app.route('/v1', catalogRoutes(deps))
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10))
  app.route('/v1', credentialRoutes({ ...deps, today }))
  app.route('/v1', planRoutes({ ...deps, today }))
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
