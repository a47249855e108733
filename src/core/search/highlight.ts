import type { QueryGroup } from './expansion.js'
import { escapeHtml, tokenSpans } from './text.js'

interface Matcher {
  whole: Set<string>
  prefixes: string[]
}

function matcherOf(groups: readonly QueryGroup[]): Matcher {
  const whole = new Set<string>()
  const prefixes: string[] = []
  for (const group of groups) {
    for (const alternative of group.alternatives) {
      if (alternative.prefix) prefixes.push(alternative.tokens[0] as string)
      else for (const token of alternative.tokens) whole.add(token)
    }
  }
  return { whole, prefixes }
}

/** How many characters of the original word to mark, 0 for none. */
function markLength(token: string, original: string, matcher: Matcher): number {
  if (matcher.whole.has(token)) return original.length
  let best = 0
  for (const prefix of matcher.prefixes) {
    if (token.startsWith(prefix) && prefix.length > best) best = prefix.length
  }
  if (best === 0) return 0
  // Diacritics change lengths; then the whole word is marked.
  return token.length === original.length ? best : original.length
}

/**
 * The text as HTML with matched words wrapped in `<mark>`, everything else escaped.
 * `highlight('Cardiology <b>', groups for 'cardio')` -> `<mark>Cardio</mark>logy &lt;b&gt;`.
 * With `window`, only about that many words around the first match are kept (a snippet).
 */
export function highlight(text: string, groups: readonly QueryGroup[], window?: number): string {
  const matcher = matcherOf(groups)
  const spans = tokenSpans(text)
  let from = 0
  let to = text.length
  if (window !== undefined && spans.length > window) {
    const first = Math.max(
      0,
      spans.findIndex((s) => markLength(s.token, text.slice(s.start, s.end), matcher) > 0),
    )
    const startSpan = Math.max(0, Math.min(first - Math.floor(window / 3), spans.length - window))
    const endSpan = Math.min(spans.length - 1, startSpan + window - 1)
    from = startSpan === 0 ? 0 : (spans[startSpan]?.start ?? 0)
    to = endSpan === spans.length - 1 ? text.length : (spans[endSpan]?.end ?? text.length)
  }
  let out = from > 0 ? '…' : ''
  let at = from
  for (const span of spans) {
    if (span.start < from || span.end > to) continue
    const marked = markLength(span.token, text.slice(span.start, span.end), matcher)
    if (marked === 0) continue
    out += escapeHtml(text.slice(at, span.start))
    out += `<mark>${escapeHtml(text.slice(span.start, span.start + marked))}</mark>`
    at = span.start + marked
  }
  out += escapeHtml(text.slice(at, to))
  return to < text.length ? `${out}…` : out
}
