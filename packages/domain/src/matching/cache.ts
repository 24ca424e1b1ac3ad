/**
 * A bounded memo for values that recur with a long tail (names, words, dates): two generations,
 * the newer filled until it reaches the limit, then it becomes the older one and the previous
 * older one is dropped. Hits in the older generation are carried over, so common values stay.
 */
export class Memo<V> {
  private young = new Map<string, V>()
  private old = new Map<string, V>()
  constructor(private readonly limit: number) {}

  get(key: string, make: (key: string) => V): V {
    let value = this.young.get(key)
    if (value !== undefined || this.young.has(key)) return value as V
    value = this.old.get(key)
    if (value === undefined && !this.old.has(key)) value = make(key)
    if (this.young.size >= this.limit) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value as V)
    return value as V
  }
}
