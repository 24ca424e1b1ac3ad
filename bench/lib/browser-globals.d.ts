/** What the benchmarks leave on the page's window between page.evaluate calls (timings read back later). */
export {}

declare global {
  interface Window {
    /** pages.ts: resolves with the milliseconds from PageDown to the next page image painted. */
    __switch?: Promise<number>
    /** keying.ts: milliseconds from each key press to the next frame. */
    __latency?: number[]
    /** review.ts: when the page saw the last Ctrl+Enter (epoch ms). */
    __approveKeyAt?: number
  }
}
