/** Seeded pseudo-random numbers (mulberry32): the same seed gives the same population. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
}

/** Picks from [value, weight] pairs in O(log n) after a one-time cumulative table. */
export class Weighted<T> {
  private readonly values: T[]
  private readonly cumulative: number[]
  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    this.values = pairs.map(([v]) => v)
    let sum = 0
    this.cumulative = pairs.map(([, w]) => (sum += w))
  }

  pick(random: Random): T {
    const total = this.cumulative[this.cumulative.length - 1] as number
    const x = random.next() * total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return this.values[lo] as T
  }
}
