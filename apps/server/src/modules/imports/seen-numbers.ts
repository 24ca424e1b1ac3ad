/**
 * Which row of the file first used each (book, year, số): a later row with the same number is an
 * in-file duplicate. Numbers restart every year and run from 1, so each (book, year) keeps its rows
 * in an array indexed by số (4 bytes a number, growing to the highest số seen): a million rows cost
 * a few megabytes, where a Map of string keys cost ~100 bytes a row. Numbers far beyond what a
 * register holds (a typo such as 20240015) go to a small map instead of stretching the array.
 */
const DENSE_LIMIT = 200_000

export class SeenNumbers {
  private readonly dense = new Map<string, Uint32Array>()
  private readonly sparse = new Map<string, number>()

  /** The earlier row holding this number, or undefined after remembering `rowNumber` for it. */
  firstOrRemember(bookId: string, year: number | null, so: number, rowNumber: number): number | undefined {
    const group = `${bookId}|${year ?? ''}`
    if (!Number.isInteger(so) || so < 0 || so >= DENSE_LIMIT || rowNumber < 1) {
      const key = `${group}|${so}`
      const earlier = this.sparse.get(key)
      if (earlier !== undefined) return earlier
      this.sparse.set(key, rowNumber)
      return undefined
    }
    let rows = this.dense.get(group)
    if (!rows || rows.length <= so) {
      const grown = new Uint32Array(Math.min(DENSE_LIMIT, Math.max(1024, 2 ** Math.ceil(Math.log2(so + 1)))))
      if (rows) grown.set(rows)
      this.dense.set(group, (rows = grown))
    }
    const earlier = rows[so] as number
    if (earlier !== 0) return earlier
    rows[so] = rowNumber
    return undefined
  }
}
