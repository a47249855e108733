/**
 * Sample records on the Node app over SQLite: the shared suite over the shipped catalog, and
 * the cases only Node can set up (a catalog of the test's own, a database from before the
 * sample column, the server process refusing a bad SAMPLE_DATA).
 */
import { beforeAll } from 'vitest'
import { sampleSuite } from '../contract/sample.js'
import { makeTestApp } from '../helpers/app.js'

const served = makeTestApp()
const excluding = makeTestApp({ sampleData: 'exclude' })
beforeAll(async () => {
  await served.loadFolder()
  await excluding.loadFolder()
})

sampleSuite('Node (SQLite)', {
  server: () => ({ fetch: async (path, init) => served.app.request(path, init) }),
  excluding: () => ({ fetch: async (path, init) => excluding.app.request(path, init) }),
})
