import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  demo: boolean
  demoPassword: string
  webDist: string | undefined
  sessionHours: number
  cookieSecure: boolean
  logLevel: string
  /** Days an uploaded file that was analysed but never imported is kept (imports/upload-cleanup.ts). */
  uploadRetentionDays: number
  /** Online population lookup service (docs/POPULATION-LOOKUP.md); without a URL the local extracts are searched. */
  populationLookup: { url: string | undefined; key: string | undefined; timeoutMs: number; populationSize: number }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** At least one day: a shorter wait could remove a file while its officer is still reading the analysis. */
function retentionDays(value: string | undefined): number {
  const days = Number(value ?? 7)
  return Number.isFinite(days) && days >= 1 ? days : 7
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const webDist = env.WEB_DIST ?? path.join(repoRoot, 'apps/web/dist')
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(process.cwd(), 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    // Demo mode seeds the demo province and prints its accounts; production sets DEMO=false.
    demo: (env.DEMO ?? (env.NODE_ENV === 'production' ? 'false' : 'true')) !== 'false',
    demoPassword: env.DEMO_PASSWORD ?? 'HoTich@2025',
    webDist: webDist === '' ? undefined : webDist,
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    uploadRetentionDays: retentionDays(env.UPLOAD_RETENTION_DAYS),
    populationLookup: {
      url: env.POPULATION_LOOKUP_URL || undefined,
      key: env.POPULATION_LOOKUP_KEY || undefined,
      timeoutMs: Number(env.POPULATION_LOOKUP_TIMEOUT_MS ?? 5000),
      populationSize: Number(env.POPULATION_LOOKUP_POPULATION ?? 100_000_000),
    },
  }
}
