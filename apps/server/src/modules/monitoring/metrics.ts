/**
 * Prometheus-format figures for the operator (issue 17), with prom-client: request latency per route,
 * job run durations per kind and outcome, the queue, the last good backup's age, and the process's
 * own (memory, event-loop lag, GC). One registry per server (tests run several in one process).
 * Figures only: no personal data, no usernames, routes by their pattern, never their ids.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { jobQueueStats } from '../jobs'

export interface ServerMetrics {
  registry: Registry
  observeRequest(method: string, route: string, status: number, seconds: number): void
  observeJob(kind: string, outcome: string, seconds: number): void
}

export function createServerMetrics(db: Kysely<Database>, backupAgeSeconds: () => Promise<number | null>): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'hts_' })
  const requests = new Histogram({
    name: 'hts_http_request_duration_seconds',
    help: 'Thời gian trả lời các yêu cầu HTTP, theo phương thức, mẫu đường dẫn và nhóm mã trạng thái',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const jobs = new Histogram({
    name: 'hts_job_duration_seconds',
    help: 'Thời gian chạy của các tác vụ nền do tiến trình này chạy, theo loại và kết quả',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
    registers: [registry],
  })
  const jobsEnded = new Counter({ name: 'hts_jobs_ended_total', help: 'Số tác vụ nền đã kết thúc ở tiến trình này', labelNames: ['kind', 'outcome'] as const, registers: [registry] })
  // One read of the shared queue per scrape feeds both gauges (every instance reports the same queue).
  // Registered after hts_jobs below: the registry collects in order, so it shows this scrape's value.
  const oldest = new Gauge({ name: 'hts_jobs_oldest_queued_seconds', help: 'Tác vụ chờ lâu nhất đã chờ bao nhiêu giây (0 khi không có)', registers: [] })
  new Gauge({
    name: 'hts_jobs',
    help: 'Tác vụ nền đang chờ và đang chạy (toàn hệ thống), theo loại',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const stats = await jobQueueStats(db)
      this.reset()
      for (const k of stats.byKind) {
        this.set({ kind: k.kind, status: 'queued' }, k.queued)
        this.set({ kind: k.kind, status: 'running' }, k.running)
      }
      oldest.set(stats.oldestQueuedSeconds ?? 0)
    },
  })
  registry.registerMetric(oldest)
  new Gauge({
    name: 'hts_backup_age_seconds',
    help: 'Tuổi của bản sao lưu tốt gần nhất, giây (-1 khi chưa có)',
    registers: [registry],
    async collect() {
      this.set((await backupAgeSeconds()) ?? -1)
    },
  })
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds)
    },
    observeJob(kind, outcome, seconds) {
      jobs.observe({ kind, outcome }, seconds)
      jobsEnded.inc({ kind, outcome })
    },
  }
}
