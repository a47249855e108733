import { allowedTypos, lowerBound, typoDistance } from './text.js'

/**
 * The set of indexed terms, for typo tolerance and prefix checks. Built once per catalog load
 * from the full-text index's vocabulary (`fts5vocab`), so it always matches what MATCH can find.
 */
export class Vocabulary {
  private readonly sorted: string[]
  private readonly docs = new Map<string, number>()
  private readonly byLength = new Map<number, string[]>()
  /** Letter counts of each term (codes folded into 32 buckets), for a cheap lower bound. */
  private readonly letters = new Map<string, Uint8Array>()

  constructor(terms: Iterable<{ term: string; docs: number }>) {
    for (const { term, docs } of terms) {
      this.docs.set(term, docs)
      const bucket = this.byLength.get(term.length)
      if (bucket) bucket.push(term)
      else this.byLength.set(term.length, [term])
    }
    this.sorted = [...this.docs.keys()].sort()
  }

  get size(): number {
    return this.sorted.length
  }

  has(term: string): boolean {
    return this.docs.has(term)
  }

  /** Number of documents that contain the term (0 when unknown). */
  frequency(term: string): number {
    return this.docs.get(term) ?? 0
  }

  hasPrefix(prefix: string): boolean {
    return this.sorted[lowerBound(this.sorted, prefix)]?.startsWith(prefix) ?? false
  }

  /**
   * Indexed terms within the allowed number of typos of `word`, closest first, then most
   * frequent; at most `limit`.
   */
  corrections(word: string, limit = 5): string[] {
    const max = allowedTypos(word.length)
    if (max === 0) return []
    const found: { term: string; distance: number }[] = []
    const wordLetters = letterCounts(word)
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const term of this.byLength.get(length) ?? []) {
        if (bagDistance(wordLetters, this.lettersOf(term)) > max) continue
        // Unlike Meilisearch, a typo on the first letter costs one like any other: phonetic
        // misspellings ("flebotomy") start wrong.
        const distance = typoDistance(word, term, max)
        if (distance <= max) found.push({ term, distance })
      }
    }
    found.sort(
      (a, b) =>
        a.distance - b.distance ||
        this.frequency(b.term) - this.frequency(a.term) ||
        a.term.localeCompare(b.term),
    )
    return found.slice(0, limit).map((f) => f.term)
  }

  private lettersOf(term: string): Uint8Array {
    let counts = this.letters.get(term)
    if (!counts) {
      counts = letterCounts(term)
      this.letters.set(term, counts)
    }
    return counts
  }
}

function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(32)
  for (let i = 0; i < word.length; i++) {
    const bucket = word.charCodeAt(i) & 31
    counts[bucket] = Math.min(255, (counts[bucket] as number) + 1)
  }
  return counts
}

/**
 * The bag distance: a lower bound of the edit distance (each edit changes the letter counts by
 * at most one on each side), so a term whose bound exceeds the allowed typos is skipped before
 * the exact distance is computed.
 */
function bagDistance(a: Uint8Array, b: Uint8Array): number {
  let more = 0
  let fewer = 0
  for (let i = 0; i < 32; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d > 0) more += d
    else fewer -= d
  }
  return Math.max(more, fewer)
}
