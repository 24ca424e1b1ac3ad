import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bufferPoolProblem } from './db/pglite-pool'
import { backupConfigFromEnv, type BackupConfig } from './modules/backups/config'

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  /** PostgreSQL: the application's own login (DATABASE_APP_URL); without it the owner's connections SET ROLE hts_app (db/app-role.ts). */
  databaseAppUrl: string | undefined
  /** PostgreSQL replica (DATABASE_READ_URL): search, the dashboard, entry lists and book exports read from it; writes and the rest stay on the primary. */
  databaseReadUrl: string | undefined
  /** PGlite's buffer pool as the operator sets it (PGLITE_SHARED_BUFFERS); undefined: sized to the stored data (db/pglite-pool.ts). */
  pgliteSharedBuffers: string | undefined
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY): false (none, the default), addresses/CIDRs, or a hop count. */
  trustProxy: TrustProxy
  /** Hours between two checks of the audit chain by the server itself (AUDIT_VERIFY_HOURS; 0 = never). */
  auditVerifyHours: number
  /**
   * Minutes between two anchors of the audit chain's head outside the database (AUDIT_ANCHOR_MINUTES,
   * default 60, 0 = never; modules/audit/anchors.ts), written to AUDIT_ANCHOR_FILE (default
   * BACKUP_DIR/audit-anchors.jsonl) and to the off-site bucket when there is one.
   */
  auditAnchorMinutes: number
  auditAnchorFile: string | undefined
  demo: boolean
  /** Demo mode only: the demo province mid-campaign at the first start (DEMO_CAMPAIGN=false: units and accounts only, as the test servers use). */
  demoCampaign: boolean
  /**
   * DEMO_CLOCK (demo mode only): the time the weekly reports' clock shows at start, then running on,
   * e.g. a Friday afternoon for a training session or an end-to-end test of deadlines. Undefined: real time.
   */
  demoClock: Date | undefined
  demoPassword: string
  webDist: string | undefined
  sessionHours: number
  /** Minutes without a request after which a session ends (SESSION_IDLE_MINUTES), besides its `sessionHours` lifetime. */
  sessionIdleMinutes: number
  cookieSecure: boolean
  logLevel: string
  /** Days an uploaded file that was analysed but never imported is kept (imports/upload-cleanup.ts). */
  uploadRetentionDays: number
  /** Online population lookup service (docs/POPULATION-LOOKUP.md); without a URL the local extracts are searched. */
  populationLookup: { url: string | undefined; key: string | undefined; timeoutMs: number; populationSize: number }
  login: LoginThrottle
  /** Backups (issue 17): where, how often, how many generations (modules/backups/config.ts). */
  backups: BackupConfig
  /** Bearer token that opens GET /metrics (METRICS_TOKEN); without one the endpoint answers 404. */
  metricsToken: string | undefined
}

/** What Fastify's `trustProxy` accepts that we allow: no proxy, a list of addresses/CIDRs, a number of hops, or every hop. */
export type TrustProxy = boolean | string[] | number

/**
 * TRUST_PROXY: unset, empty or "false" trusts no proxy (the client address is the connection's);
 * "127.0.0.1,10.0.0.0/8" trusts those proxies; "1" trusts one hop; "true" trusts every hop (only
 * when nothing but the proxy can reach the server's port).
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim()
  if (text === '' || text === 'false') return false
  if (text === 'true') return true
  if (/^\d+$/.test(text)) return Number(text)
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '')
}

/** Login throttling (issue 14): wrong passwords before a lock, the lock's growing delays, requests per window. */
export interface LoginThrottle {
  maxFailures: number
  /** Delay of the 1st, 2nd... lock in a row, in seconds; past the end the last one repeats. */
  lockSeconds: number[]
  /** Login requests allowed per client address and per username within `windowSeconds`. */
  perAddress: number
  perAccount: number
  windowSeconds: number
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value)
  return value !== undefined && Number.isFinite(number) && number > 0 ? number : fallback
}

export function loginThrottleFromEnv(env: NodeJS.ProcessEnv): LoginThrottle {
  const lockSeconds = (env.LOGIN_LOCK_SECONDS ?? '').split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0)
  return {
    maxFailures: Math.trunc(positive(env.LOGIN_MAX_FAILURES, 5)),
    lockSeconds: lockSeconds.length > 0 ? lockSeconds : [60, 300, 900, 3600],
    perAddress: Math.trunc(positive(env.LOGIN_RATE_PER_ADDRESS, 30)),
    perAccount: Math.trunc(positive(env.LOGIN_RATE_PER_ACCOUNT, 10)),
    windowSeconds: positive(env.LOGIN_RATE_WINDOW_SECONDS, 60),
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** At least one day: a shorter wait could remove a file while its officer is still reading the analysis. */
function retentionDays(value: string | undefined): number {
  const days = Number(value ?? 7)
  return Number.isFinite(days) && days >= 1 ? days : 7
}

/** Addresses a demo server may listen on: its accounts and password are public, so only this machine. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const

/** Why this configuration must not start (in Vietnamese, saying what to do), or undefined. */
export function configProblem(config: Pick<Config, 'demo' | 'host'> & Partial<Pick<Config, 'metricsToken' | 'databaseUrl' | 'databaseReadUrl' | 'demoClock' | 'pgliteSharedBuffers'>>): string | undefined {
  // A production server on a pretended time would date submissions and lateness wrongly.
  if (config.demoClock !== undefined && !config.demo) return 'DEMO_CLOCK chỉ dùng trong chế độ demo: bỏ DEMO_CLOCK khỏi cấu hình của máy chủ thật.'
  if (config.demoClock !== undefined && Number.isNaN(config.demoClock.getTime())) return 'DEMO_CLOCK không phải là một thời điểm hợp lệ: viết theo ISO 8601, ví dụ 2026-12-04T14:00:00+07:00.'
  if (config.demo && !(LOOPBACK_HOSTS as readonly string[]).includes(config.host)) {
    return `Chế độ demo chỉ chạy trên 127.0.0.1 (tài khoản và mật khẩu demo là công khai), không trên HOST=${config.host}. ` +
      'Đặt DEMO=false (hoặc NODE_ENV=production) để phục vụ trên địa chỉ khác, hoặc bỏ HOST.'
  }
  if (config.databaseReadUrl && !config.databaseUrl) {
    return 'DATABASE_READ_URL (bản sao chỉ đọc của PostgreSQL) cần DATABASE_URL: cơ sở dữ liệu nhúng không có bản sao.'
  }
  if (config.pgliteSharedBuffers !== undefined && !config.databaseUrl) {
    const problem = bufferPoolProblem(config.pgliteSharedBuffers)
    if (problem) return problem
  }
  // A guessable token would open the server's figures to anyone who can reach the port.
  if (config.metricsToken !== undefined && config.metricsToken.length < 24) {
    return 'METRICS_TOKEN quá ngắn: dùng một chuỗi ngẫu nhiên từ 24 ký tự (ví dụ: openssl rand -hex 24).'
  }
  return undefined
}

/** The demo accounts' password unless DEMO_PASSWORD says otherwise: public, so never accepted as a chosen password. */
export const DEFAULT_DEMO_PASSWORD = 'HoTich@2025'

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const webDist = env.WEB_DIST ?? path.join(repoRoot, 'apps/web/dist')
  // Demo mode seeds the demo province and prints its accounts; production sets DEMO=false.
  const demo = (env.DEMO ?? (env.NODE_ENV === 'production' ? 'false' : 'true')) !== 'false'
  return {
    port: Number(env.PORT ?? 3000),
    // A demo server is reachable from this machine only (configProblem refuses any other HOST).
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(env.DATA_DIR ?? path.join(process.cwd(), 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    pgliteSharedBuffers: env.PGLITE_SHARED_BUFFERS || undefined,
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    // Daily outside demo mode; a demo (and a test server) does not spend a walk of the trail at every start.
    auditVerifyHours: env.AUDIT_VERIFY_HOURS !== undefined ? Math.max(0, Number(env.AUDIT_VERIFY_HOURS) || 0) : demo ? 0 : 24,
    auditAnchorMinutes: env.AUDIT_ANCHOR_MINUTES !== undefined ? Math.max(0, Number(env.AUDIT_ANCHOR_MINUTES) || 0) : demo ? 0 : 60,
    auditAnchorFile: env.AUDIT_ANCHOR_FILE ? path.resolve(env.AUDIT_ANCHOR_FILE) : undefined,
    demo,
    demoCampaign: demo && env.DEMO_CAMPAIGN !== 'false',
    demoClock: env.DEMO_CLOCK ? new Date(env.DEMO_CLOCK) : undefined,
    demoPassword: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    webDist: webDist === '' ? undefined : webDist,
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    sessionIdleMinutes: positive(env.SESSION_IDLE_MINUTES, 30),
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    uploadRetentionDays: retentionDays(env.UPLOAD_RETENTION_DAYS),
    populationLookup: {
      url: env.POPULATION_LOOKUP_URL || undefined,
      key: env.POPULATION_LOOKUP_KEY || undefined,
      timeoutMs: Number(env.POPULATION_LOOKUP_TIMEOUT_MS ?? 5000),
      populationSize: Number(env.POPULATION_LOOKUP_POPULATION ?? 100_000_000),
    },
    login: loginThrottleFromEnv(env),
    backups: backupConfigFromEnv(env, demo),
    metricsToken: env.METRICS_TOKEN || undefined,
  }
}
