/**
 * String similarity on folded names (ASCII after foldKey): Jaro-Winkler and the optimal string
 * alignment distance (Damerau-Levenshtein with adjacent transpositions). Written here rather than
 * taken from a package because the domain package runs in the browser too and these are a few
 * dozen lines tuned for short names.
 */

let flags: [Uint8Array, Uint8Array] = [new Uint8Array(64), new Uint8Array(64)]

/** Jaro-Winkler similarity in [0, 1]; prefix bonus up to 4 characters, scale 0.1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  // Flags reused from call to call, cleared over the lengths used.
  if (flags[0].length < la || flags[1].length < lb) flags = [new Uint8Array(2 * Math.max(la, lb)), new Uint8Array(2 * Math.max(la, lb))]
  const [aMatched, bMatched] = flags
  aMatched.fill(0, 0, la)
  bMatched.fill(0, 0, lb)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lb - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue
      aMatched[i] = 1
      bMatched[j] = 1
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  for (let i = 0, j = 0; i < la; i++) {
    if (!aMatched[i]) continue
    while (!bMatched[j]) j++
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++
    j++
  }
  const m = matches
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3
  let prefix = 0
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/**
 * Edits (insert, delete, substitute, swap two adjacent letters) between a and b, stopping early
 * once the distance exceeds `max` (returns max + 1 then): names only need "0, 1, 2 or more".
 */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > max) return max + 1
  if (la === 0) return lb
  if (lb === 0) return la
  // Three rows reused from call to call (matching calls this for most candidate pairs: fresh arrays were garbage).
  if (rows[0].length < lb + 1) rows = [new Int32Array(2 * (lb + 1)), new Int32Array(2 * (lb + 1)), new Int32Array(2 * (lb + 1))]
  let [prevPrev, prev, current] = rows
  prevPrev.fill(0, 0, lb + 1)
  for (let j = 0; j <= lb; j++) prev[j] = j
  current.fill(0, 0, lb + 1)
  for (let i = 1; i <= la; i++) {
    current[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1)
      const cost = ca === cb ? 0 : 1
      let d = Math.min((prev[j] as number) + 1, (current[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, (prevPrev[j - 2] as number) + 1)
      }
      current[j] = d
      if (d < rowMin) rowMin = d
    }
    if (rowMin > max) return max + 1
    const oldest = prevPrev
    prevPrev = prev
    prev = current
    current = oldest
  }
  return prev[lb] as number
}
