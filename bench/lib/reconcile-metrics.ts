/**
 * Figures of a reconciliation benchmark run: precision of links with its 95% Wilson interval,
 * recall (all, with and without a personal ID in the book), blocking recall (the true person
 * reachable by some blocking key of some search stage, or by the ID), and the confusion table.
 */
import { familyFinds, familyKey, stageFinds, type MatchPerson } from '@hts/domain'
import type { SyntheticEntry } from './synthetic-population'

export interface Predicted {
  outcome: string
  pid: string | null
}

/** Wilson score interval of a proportion (95%: z = 1.96), in percent. */
export function wilson(successes: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 100]
  const p = successes / n
  const d = 1 + (z * z) / n
  const centre = (p + (z * z) / (2 * n)) / d
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d
  return [100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)]
}

/** Whether the blocking of any stage (or the ID) brings the record among the entry's candidates. */
export function reachable(entry: MatchPerson, record: MatchPerson): boolean {
  if (entry.personalId && entry.personalId === record.personalId) return true
  for (const stage of ['narrow', 'broad', 'loose'] as const) if (stageFinds(entry, record, stage)) return true
  const family = familyKey(entry)
  return family !== undefined && familyFinds(family, record)
}

const OUTCOMES = ['match', 'mismatch', 'not_found', 'ambiguous', 'not_checked'] as const
const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b)

export function report(label: string, entries: readonly SyntheticEntry[], predicted: (i: number) => Predicted | undefined, blocking: (e: SyntheticEntry) => boolean | undefined) {
  const confusion: Record<string, Record<string, number>> = {}
  let links = 0
  let correct = 0
  const recall = { id: [0, 0], noId: [0, 0] }
  let [blockable, blocked] = [0, 0]
  const missed = new Map<string, number>()
  const wrong = new Map<string, number>()
  const notReached = new Map<string, number>()
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  entries.forEach((e, i) => {
    const r = predicted(i + 1)
    const outcome = r?.outcome ?? 'not_checked'
    confusion[e.truth.expected] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0]))
    ;(confusion[e.truth.expected] as Record<string, number>)[outcome]!++
    const linked = outcome === 'match' || outcome === 'mismatch'
    const right = linked && e.truth.personalId !== null && r?.pid === e.truth.personalId
    const tag = e.truth.corruptions.filter((c) => !['upper', 'lower', 'hospital', 'noId'].includes(c)).join('+') || 'none'
    if (linked) links++
    if (right) correct++
    if (linked && !right) add(wrong, `${e.truth.expected}: ${tag}`)
    if (e.truth.personalId !== null) {
      const bucket = e.fields.nksSoDinhDanh ? recall.id : recall.noId
      bucket[1]!++
      if (right) bucket[0]!++
      else add(missed, `${outcome}: ${tag}`)
      const reached = blocking(e)
      if (reached !== undefined) {
        blockable++
        if (reached) blocked++
        else add(notReached, tag)
      }
    }
  })
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `    ${v}  ${k}`).join('\n')
  const present = recall.id[1]! + recall.noId[1]!
  const found = recall.id[0]! + recall.noId[0]!
  const [low, high] = wilson(correct, links)
  console.log(`\n[${label}] confusion (rows: expected, columns: proposed)`)
  console.log(['expected'.padEnd(10), ...OUTCOMES.map((o) => o.padStart(12))].join(''))
  for (const e of ['match', 'mismatch', 'not_found']) console.log([e.padEnd(10), ...OUTCOMES.map((o) => String(confusion[e]?.[o] ?? 0).padStart(12))].join(''))
  console.log(`[${label}] links missed (${present - found}), by proposed outcome and differences:\n${top(missed)}`)
  console.log(`[${label}] wrong links (${links - correct}), by expected outcome and differences:\n${top(wrong)}`)
  if (blockable > 0) console.log(`[${label}] true person out of every block (${blockable - blocked}), by differences:\n${top(notReached)}`)
  console.log(`[${label}] precision ${pct(correct, links).toFixed(3)}% (95% interval ${low.toFixed(3)}–${high.toFixed(3)}%, ${links - correct} wrong of ${links} links)`)
  console.log(`[${label}] recall ${pct(found, present).toFixed(2)}% (with an ID in the book ${pct(recall.id[0]!, recall.id[1]!).toFixed(2)}% of ${recall.id[1]}, without ${pct(recall.noId[0]!, recall.noId[1]!).toFixed(2)}% of ${recall.noId[1]})`)
  if (blockable > 0) console.log(`[${label}] blocking recall ${pct(blocked, blockable).toFixed(3)}% (${blocked} of ${blockable} present people reachable by a key or the ID)`)
  return { precision: pct(correct, links), recall: pct(found, present) }
}
