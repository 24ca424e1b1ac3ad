/** Percentile by nearest rank on a copy of the samples (milliseconds in, milliseconds out). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export const round1 = (ms: number) => Math.round(ms * 10) / 10

export function summary(samples: readonly number[]) {
  return {
    count: samples.length,
    p50: round1(percentile(samples, 50)),
    p95: round1(percentile(samples, 95)),
    p99: round1(percentile(samples, 99)),
    max: round1(percentile(samples, 100)),
    mean: round1(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
  }
}
