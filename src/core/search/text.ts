/**
 * Text normalisation shared by query parsing and highlighting. It mirrors SQLite FTS5's
 * `unicode61 remove_diacritics 2` tokenizer: tokens are runs of letters and digits, lower-cased,
 * with diacritics removed, so a query token compares equal to an indexed term.
 */
const TOKEN = /[\p{L}\p{N}]+/gu
const DIACRITICS = /\p{M}/gu

const NON_ASCII = /[^ -~]/

export function normalizeToken(token: string): string {
  if (!NON_ASCII.test(token)) return token.toLowerCase()
  return token.normalize('NFD').replace(DIACRITICS, '').toLowerCase()
}

export function tokenize(text: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(TOKEN)) out.push(normalizeToken(match[0]))
  return out
}

/** Tokens with their offsets in the original text, for highlighting. */
export function tokenSpans(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = []
  for (const match of text.matchAll(TOKEN)) {
    out.push({
      token: normalizeToken(match[0]),
      start: match.index,
      end: match.index + match[0].length,
    })
  }
  return out
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

// Rows of the distance table, reused across calls (grown on demand) to avoid allocation.
let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
]

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, each costing 1,
 * as Meilisearch counts typos), or `max + 1` as soon as it must exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (a === b) return 0
  const n = b.length
  if (rows[0].length <= n)
    rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)]
  let [prev2, prev, cur] = rows
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1)
      let value = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ca === cb ? 0 : 1),
      )
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, (prev2[j - 2] as number) + 1)
      }
      cur[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    ;[prev2, prev, cur] = [prev, cur, prev2]
  }
  return Math.min(prev[n] as number, max + 1)
}

/** Typos allowed in a word of this length: Meilisearch's defaults (1 from 5 letters, 2 from 9). */
export function allowedTypos(length: number): number {
  if (length >= 9) return 2
  if (length >= 5) return 1
  return 0
}

/** The first index of a sorted array whose item is not below `key` (binary search). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as string) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
