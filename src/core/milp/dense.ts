/** Dense m x m matrices in row-major Float64Arrays: the basis inverse of a few-row LP. */

/** Inverts `a` into `inv` (Gauss-Jordan, partial pivoting; `a` is overwritten); false when singular. */
export function invert(a: Float64Array, inv: Float64Array, m: number): boolean {
  inv.fill(0)
  for (let i = 0; i < m; i++) inv[i * m + i] = 1
  for (let col = 0; col < m; col++) {
    let best = col
    for (let i = col + 1; i < m; i++)
      if (Math.abs(a[i * m + col] as number) > Math.abs(a[best * m + col] as number)) best = i
    const pivot = a[best * m + col] as number
    if (Math.abs(pivot) < 1e-11) return false
    if (best !== col) {
      for (let j = 0; j < m; j++) {
        swap(a, best * m + j, col * m + j)
        swap(inv, best * m + j, col * m + j)
      }
    }
    for (let j = 0; j < m; j++) {
      a[col * m + j] = (a[col * m + j] as number) / pivot
      inv[col * m + j] = (inv[col * m + j] as number) / pivot
    }
    for (let i = 0; i < m; i++) {
      const f = a[i * m + col] as number
      if (i === col || f === 0) continue
      for (let j = 0; j < m; j++) {
        a[i * m + j] = (a[i * m + j] as number) - f * (a[col * m + j] as number)
        inv[i * m + j] = (inv[i * m + j] as number) - f * (inv[col * m + j] as number)
      }
    }
  }
  return true
}

/** Updates an inverse for a pivot in row r on the column w = inverse * (entering column). */
export function pivotInverse(inv: Float64Array, m: number, r: number, w: Float64Array) {
  const pivot = w[r] as number
  for (let j = 0; j < m; j++) inv[r * m + j] = (inv[r * m + j] as number) / pivot
  for (let i = 0; i < m; i++) {
    const f = w[i] as number
    if (i === r || f === 0) continue
    for (let j = 0; j < m; j++)
      inv[i * m + j] = (inv[i * m + j] as number) - f * (inv[r * m + j] as number)
  }
}

function swap(a: Float64Array, i: number, j: number) {
  const t = a[i] as number
  a[i] = a[j] as number
  a[j] = t
}
