import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export interface WidgetBundle {
  /** The ES module defining `<ceu-catalog>` and `<ceu-planner>`. */
  js: string
  /** First 12 hex digits of its SHA-256: the version in `/widget.js?v=`. */
  hash: string
}

const WIDGET_DIR = fileURLToPath(new URL('../widget/', import.meta.url))

/**
 * Bundles the widgets with esbuild (minified ES module). `only` bundles one element alone, to
 * measure its size.
 */
export async function bundleWidget(only?: 'catalog' | 'planner'): Promise<WidgetBundle> {
  const contents = only
    ? `import { Ceu${only === 'catalog' ? 'Catalog' : 'Planner'} as E } from './${only}.js'\ncustomElements.define('ceu-${only}', E)`
    : `import './index.js'`
  const result = await build({
    stdin: { contents, resolveDir: WIDGET_DIR, loader: 'ts', sourcefile: 'widget.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const js = (result.outputFiles[0] as { text: string }).text
  return { js, hash: createHash('sha256').update(js).digest('hex').slice(0, 12) }
}

export const gzipSize = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length

/** One bundle per process, built on first use. */
export function lazyWidget(): () => Promise<WidgetBundle> {
  let bundle: Promise<WidgetBundle> | null = null
  return () => {
    bundle ??= bundleWidget().catch((error) => {
      bundle = null
      throw error
    })
    return bundle
  }
}
