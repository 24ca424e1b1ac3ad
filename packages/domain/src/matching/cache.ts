/**
 * A bounded memo for values that recur with a long tail (names, words, dates): two generations,
 * the newer filled until it reaches the limit, then it becomes the older one and the previous
 * older one is dropped. Hits in the older generation are carried over, so common values stay.
 */
export class Memo<V extends object | string | number | boolean | null> {
  private young = new Map<string, V>()
  private old = new Map<string, V>()
  constructor(private readonly limit: number) {}

  // Values are never undefined (the type says so), so a lookup that gives undefined is a miss: two
  // lookups per miss instead of four (matching asks for every name of every candidate row).
  get(key: string, make: (key: string) => V): V {
    const hit = this.young.get(key)
    if (hit !== undefined) return hit
    let value = this.old.get(key)
    if (value === undefined) value = make(key)
    if (this.young.size >= this.limit) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value)
    return value
  }
}
