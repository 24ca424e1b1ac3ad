import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { DEFAULT_DEMO_PASSWORD, type Config } from './config'
import type { Db } from './db/engine'
import { createStatisticsTask } from './db/statistics'
import { createAuthenticate } from './http/auth'
import { registerErrorHandler } from './http/errors'
import { registerEdgeGuards } from './http/edge'
import { registerCompression, registerWebApp } from './http/web-app'
import { authRoutes } from './modules/auth/routes'
import { createAuthService } from './modules/auth/service'
import { createSessionSweepTask } from './modules/auth'
import { booksRoutes } from './modules/books/routes'
import { createBooksService } from './modules/books/service'
import { entriesRoutes } from './modules/entries/routes'
import { createReviewService, reviewRoutes } from './modules/review'
import { createDoubleKeyingService, doubleKeyingRoutes } from './modules/double-keying'
import { bandsRoutes, createBandsService } from './modules/bands'
import { createOcrService, ocrRoutes, type OcrEngine } from './modules/ocr'
import { createSearchService, searchRoutes } from './modules/search'
import { acceptanceRoutes, createAcceptanceService, createRecordService } from './modules/acceptance'
import { campaignRoutes, createCampaignService } from './modules/campaign'
import { createDashboardService, dashboardRoutes } from './modules/dashboard'
import { createReportsService, reportsRoutes } from './modules/reports'
import { createHandoverPdfJobHandler, createHandoverService, handoverRoutes } from './modules/handover'
import { createDuplicatesScanJobHandler, createDuplicatesService, duplicatesRoutes } from './modules/duplicates'
import { jobsRoutes } from './modules/jobs/routes'
import { createJobRunner, type JobHandler, type JobRunner, type JobRunnerOptions } from './modules/jobs/runner'
import { createJobsService } from './modules/jobs/service'
import { createEntriesService } from './modules/entries/service'
import { unitsRoutes } from './modules/units/routes'
import { createUnitsService } from './modules/units/service'
import { usersRoutes } from './modules/users/routes'
import { createImportJobHandler } from './modules/imports/job'
import { importsRoutes } from './modules/imports/routes'
import { createImportsService } from './modules/imports/service'
import { createUploadCleanupTask } from './modules/imports/upload-cleanup'
import { exportsRoutes } from './modules/exports/routes'
import { createExportsService } from './modules/exports/service'
import { createUnitExportJobHandler } from './modules/exports/unit-job'
import { filesRoutes } from './modules/files/routes'
import { createFileStore, fileStoreConfigFromEnv } from './modules/files/store'
import { createFilesVerifyJobHandler } from './modules/files/verify-job'
import { keyingRoutes } from './modules/keying/routes'
import { createKeyingService } from './modules/keying/service'
import { scansRoutes } from './modules/scans/routes'
import { createScansService } from './modules/scans/service'
import { scanUploadOptions } from './modules/scans/upload'
import { createUsersService } from './modules/users/service'
import { createPasswordChangeService, createPasswordPolicy, passwordChangeRoutes, requirePasswordChanged } from './modules/users'
import { populationRoutes } from './modules/population/routes'
import { createReconciliationModule } from './modules/reconciliation/module'
import { reconciliationRoutes } from './modules/reconciliation/routes'
import { createAuditReadService } from './modules/audit/read'
import { registerRefusalAudit } from './modules/audit/refusals'
import { auditRoutes } from './modules/audit/routes'
import { AUDIT_ANCHOR_FILE, auditVerifyRoutes, createAuditAnchorTask, createAuditVerifyJobHandler, createAuditVerifyTask } from './modules/audit'
import { backupDirOf, backupsRoutes, createBackupScheduleTask, createBackupsService } from './modules/backups'
import { createServerMetrics, monitoringRoutes } from './modules/monitoring'

export interface AppOptions {
  /** Extra job kinds (tests). */
  jobHandlers?: JobHandler[]
  jobRunner?: JobRunnerOptions
  /** DATABASE_READ_URL's replica: what may read slightly stale data reads there (search, entry lists, book exports). */
  readDb?: Db
  /** The clock of the weekly reports' deadlines and reminders (tests fix it). */
  now?: () => Date
  /** The OCR engine (tests pass a stand-in); Tesseract by default. */
  ocrEngine?: OcrEngine
}

export function createServices(config: Config, db: Db, options: AppOptions = {}) {
  const units = createUnitsService(db.kysely)
  // Reads that tolerate a replica's lag; every write, and every read a write depends on, uses `db`.
  const reads = options.readDb?.kysely ?? db.kysely
  // The runner needs the modules' handlers, which may need the jobs service: resolve it lazily.
  const runnerRef: { current?: JobRunner } = {}
  const jobs = createJobsService(db.kysely, units, () => runnerRef.current)
  const auth = createAuthService(db.kysely, { sessionHours: config.sessionHours, idleMinutes: config.sessionIdleMinutes, login: config.login })
  // The demo password is public (printed at start, in the README): never accepted as a chosen password.
  const passwordPolicy = createPasswordPolicy([config.demoPassword, DEFAULT_DEMO_PASSWORD])
  const passwordChange = createPasswordChangeService(db.kysely, passwordPolicy, config.login)
  const books = createBooksService(db.kysely, units)
  const acceptance = createAcceptanceService(db.kysely, units, books)
  const files = createFileStore(fileStoreConfigFromEnv(config.dataDir))
  // Beside the backups (another disk in production), so a rewrite of the database cannot reach it.
  const anchorFile = config.auditAnchorFile ?? path.join(backupDirOf(config), AUDIT_ANCHOR_FILE)
  const backups = createBackupsService({ db, files, config: config.backups, dir: backupDirOf(config), databaseUrl: config.databaseUrl })
  const scans = createScansService(db.kysely, books, jobs, files, scanUploadOptions(files))
  const ocr = createOcrService(db.kysely, { books, jobs, files, engine: options.ocrEngine })
  const campaign = createCampaignService(db.kysely, units)
  const reconcile = createReconciliationModule(config, db.kysely, { engine: db.engine, units, books, jobs, files })
  // Background job kinds, one line per module that has them.
  const jobHandlers: JobHandler[] = [...(options.jobHandlers ?? []), scans.jobHandler, createFilesVerifyJobHandler(files), createImportJobHandler(db.kysely, files, jobs), createUnitExportJobHandler(files, path.join(config.dataDir, 'tmp')), createAuditVerifyJobHandler(anchorFile), createDuplicatesScanJobHandler(), createHandoverPdfJobHandler(db.kysely, files), ocr.jobHandler, ...reconcile.jobHandlers]
  const periodic = [createUploadCleanupTask(files, config.uploadRetentionDays), ...reconcile.periodic, createSessionSweepTask(config.sessionIdleMinutes), ...(db.engine === 'pglite' ? [createStatisticsTask()] : []), ...(config.auditVerifyHours > 0 ? [createAuditVerifyTask(config.auditVerifyHours, anchorFile)] : []), ...(config.auditAnchorMinutes > 0 ? [createAuditAnchorTask({ file: anchorFile, everyMinutes: config.auditAnchorMinutes, offsite: config.backups.offsite })] : []), ...(config.backups.scheduled ? [createBackupScheduleTask(backups, config.backups.checkMinutes)] : [])]
  const metrics = createServerMetrics(db.kysely, async () => (await backups.health()).ageSeconds)
  const runner = createJobRunner(db.kysely, jobHandlers, { periodic, onJobEnded: metrics.observeJob, ...options.jobRunner })
  runnerRef.current = runner
  return {
    config,
    db,
    units,
    jobs,
    jobRunner: runner,
    metrics,
    auth,
    books,
    files,
    backups,
    scans,
    keying: createKeyingService(db.kysely, units, books),
    imports: createImportsService({ db: db.kysely, units, jobs, files, tmpDir: path.join(config.dataDir, 'tmp'), books, scans, uploadRetentionDays: config.uploadRetentionDays }),
    exports: createExportsService({ db: db.kysely, reads, units, books, jobs, files }),
    entries: createEntriesService(db.kysely, units, books),
    review: createReviewService(db.kysely, units, books),
    doubleKeying: createDoubleKeyingService(db.kysely, units, books),
    bands: createBandsService(db.kysely, books, files),
    ocr,
    search: createSearchService(db.kysely, units, reads),
    duplicates: createDuplicatesService(db.kysely, units, books, jobs),
    acceptance,
    acceptanceRecords: createRecordService(db.kysely, acceptance),
    campaign,
    reports: createReportsService(db.kysely, units, campaign, { now: options.now }),
    // Figures only, no writes: the whole dashboard may read the replica.
    dashboard: createDashboardService(reads, units),
    handover: createHandoverService(db.kysely, units, books, files, jobs),
    users: createUsersService(db.kysely, units, passwordPolicy),
    auditRead: createAuditReadService(db.kysely, units),
    ...reconcile.services,
    passwordChange,
    // An account with a one-time password reaches nothing but the password change (users/password-change.ts).
    authenticate: requirePasswordChanged(createAuthenticate(auth)),
  }
}
export type AppServices = ReturnType<typeof createServices>

/** TRUST_PROXY as Fastify takes it: a hop count becomes the function Fastify would build (its types omit numbers). */
function fastifyTrustProxy(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust
}

export async function buildApp(config: Config, db: Db, options: AppOptions = {}): Promise<{ app: FastifyInstance; services: AppServices }> {
  const app = Fastify({ logger: { level: config.logLevel }, bodyLimit: 5 * 1024 * 1024, trustProxy: fastifyTrustProxy(config.trustProxy) })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('user', undefined)
  registerErrorHandler(app)
  await registerEdgeGuards(app)
  await registerCompression(app)
  await app.register(cookie)
  // Limits are set per route (the login's, auth/routes.ts), none globally.
  await app.register(rateLimit, { global: false })
  await app.register(swagger, {
    openapi: {
      info: { title: 'Hộ Tịch Số API', description: 'Số hóa sổ hộ tịch: sổ, trường hợp, tài khoản, đơn vị', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  })
  const services = createServices(config, db, options)
  // Outside demo mode the API description is for signed-in users only (issue 14).
  await app.register(swaggerUi, { routePrefix: '/api/docs', ...(config.demo ? {} : { uiHooks: { preHandler: services.authenticate } }) })

  // Refused attempts (403/404) of signed-in users go to the audit trail (modules/audit/refusals.ts).
  registerRefusalAudit(app, db.kysely)
  monitoringRoutes(app, services)
  for (const register of [authRoutes, unitsRoutes, usersRoutes, booksRoutes, entriesRoutes, jobsRoutes, filesRoutes, scansRoutes, keyingRoutes, importsRoutes, exportsRoutes, populationRoutes, reconciliationRoutes, reviewRoutes, doubleKeyingRoutes, bandsRoutes, ocrRoutes, searchRoutes, duplicatesRoutes, acceptanceRoutes, campaignRoutes, dashboardRoutes, reportsRoutes, handoverRoutes, passwordChangeRoutes, auditVerifyRoutes, auditRoutes, backupsRoutes]) register(app, services)
  app.addHook('onReady', async () => services.jobRunner.start())
  // One hook, in this order: Fastify runs onClose hooks last-added first, and the OCR engine closed
  // before the runner had stopped crashed the process under a page being read (CI's pages benchmark).
  app.addHook('onClose', async () => {
    await services.jobRunner.stop()
    await services.backups.idle()
    await services.ocr.close() // no page is being read any more
  })

  const index = config.webDist ? path.join(config.webDist, 'index.html') : undefined
  if (config.webDist && index && fs.existsSync(index)) {
    // Precompressed, hashed files cached for a year; the web app routes on the client (http/web-app.ts).
    await registerWebApp(app, config.webDist)
  } else {
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ này' }))
  }
  return { app, services }
}
