import { Column } from '@ant-design/plots'
import { THROUGHPUT_METRICS, type ThroughputMetric } from '@hts/domain'
import { formatDate } from '../../lib/format'
import type { DashboardView } from './api'

const SHOWN: ThroughputMetric[] = ['keyed', 'checked', 'approved']

/** Entries keyed, checked and approved per week (or per day), side by side: the pace at a glance. */
export function ThroughputChart({ points, by }: { points: DashboardView['throughput']['weekly'] | DashboardView['throughput']['daily']; by: 'week' | 'day' }) {
  const data = points.flatMap((p) => {
    const when = 'weekStart' in p ? p.weekStart : p.day
    const label = by === 'week' ? `Tuần ${formatDate(when).slice(0, 5)}` : formatDate(when).slice(0, 5)
    return SHOWN.map((metric) => ({ when: label, metric: THROUGHPUT_METRICS[metric], entries: p[metric] }))
  })
  return (
    <Column data={data} xField="when" yField="entries" colorField="metric" group height={300}
      axis={{ y: { title: 'Trường hợp', labelFontSize: 14 }, x: { labelFontSize: 14 } }}
      legend={{ color: { itemLabelFontSize: 16 } }} />
  )
}
