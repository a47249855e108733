import { allowedTypos, typoDistance } from './text.js'

/**
 * The set of indexed terms, for typo tolerance and prefix checks. Built once per catalog load
 * from the full-text index's vocabulary (`fts5vocab`), so it always matches what MATCH can find.
 */
export class Vocabulary {
  private readonly sorted: string[]
  private readonly docs = new Map<string, number>()
  private readonly byLength = new Map<number, string[]>()

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
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.sorted[mid] as string) < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < this.sorted.length && (this.sorted[lo] as string).startsWith(prefix)
  }

  /**
   * Indexed terms within the allowed number of typos of `word`, closest first, then most
   * frequent; at most `limit`.
   */
  corrections(word: string, limit = 5): string[] {
    const max = allowedTypos(word.length)
    if (max === 0) return []
    const found: { term: string; distance: number }[] = []
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const term of this.byLength.get(length) ?? []) {
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
}
