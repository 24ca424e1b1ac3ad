import { configProblem, loadConfig } from './config'
import { buildApp } from './app'
import { openDatabase } from './db/engine'
import { describeAppConnection, prepareAppConnection } from './db/app-role'
import { describeDemoAccounts, seedDemo } from './seed/demo'
import { seedDemoCampaign } from './seed/demo-campaign'
import { createFirstAdmin, describeFirstAdmin, moveFirstAdminToProvince } from './seed/first-admin'
import { backupDirOf, describeDamagedDataDir, liveCliLock, liveServer, removeServerLink, upgradeDatabase, writeServerLink } from './modules/backups'
import { createFileStore, fileStoreConfigFromEnv } from './modules/files'

/** One line per start-up step, so a slow first start is not a silent one. */
const step = (vi: string, en: string) => console.log(`• ${vi} / ${en}`)

async function main(): Promise<void> {
  const config = loadConfig()
  const problem = configProblem(config)
  if (problem) {
    console.error(`Không khởi động / not starting: ${problem}`)
    process.exit(2)
  }
  step(config.databaseUrl ? 'Đang kết nối PostgreSQL' : `Đang mở cơ sở dữ liệu tại ${config.dataDir}`, config.databaseUrl ? 'connecting to PostgreSQL' : 'opening the embedded database')
  if (!config.databaseUrl) {
    // A PGlite directory is opened by one process only (modules/backups/cli-link.ts).
    const holder = liveServer(config.dataDir)?.pid ?? liveCliLock(config.dataDir)
    if (holder) {
      console.error(`Không khởi động / not starting: tiến trình ${holder} (máy chủ khác, hoặc npm run backup/restore) đang dùng cơ sở dữ liệu nhúng tại ${config.dataDir}. Hãy đợi hoặc dừng tiến trình đó.`)
      process.exit(2)
    }
    // Claimed before opening (port 0 = starting): `npm run backup` must not open the directory meanwhile.
    writeServerLink(config.dataDir, { port: 0, token: '' })
  }
  const owner = await openDatabase(config).catch((error: unknown) => {
    if (config.databaseUrl) throw error
    removeServerLink(config.dataDir)
    console.error(`\n${describeDamagedDataDir(config.dataDir, backupDirOf(config), error)}`)
    process.exit(3)
  })
  step('Đang cập nhật cấu trúc dữ liệu (migration)', 'migrating')
  const upgrade = await upgradeDatabase(owner, config, createFileStore(fileStoreConfigFromEnv(config.dataDir)))
  if (upgrade.kind === 'migrated') {
    const { backup, pending } = upgrade
    const saved = backup === 'skipped' ? 'không sao lưu trước (BACKUP_BEFORE_UPGRADE=false hoặc demo)'
      : backup === 'too_old' ? 'không tự sao lưu được: phiên bản cũ chưa có sao lưu tự động'
      : `đã sao lưu trước vào ${backup.path}`
    step(`Đã cập nhật ${pending.length} migration (${pending.join(', ')}); ${saved}`, `migrated ${pending.length}`)
  }
  let db = owner
  if (config.databaseUrl) {
    // Migrations ran as the owner; the application runs as a role that cannot change the audit trail (db/app-role.ts).
    const connection = await prepareAppConnection(owner, { databaseUrl: config.databaseUrl, databaseAppUrl: config.databaseAppUrl })
    step(describeAppConnection(connection), `database role: ${connection.kind === 'owner' ? 'owner' : connection.role}`)
    if (connection.kind !== 'owner' || connection.url !== config.databaseUrl) {
      db = await openDatabase({ databaseUrl: connection.url, dataDir: config.dataDir, role: connection.kind === 'set_role' ? connection.role : undefined })
      await owner.close()
    }
  }
  let firstAdmin: { username: string; password: string } | undefined
  if (config.demo) {
    step('Chế độ demo: đang tạo tỉnh demo nếu chưa có', 'demo mode: seeding the demo province if absent')
    await seedDemo(db.kysely, config.demoPassword)
  } else {
    firstAdmin = await createFirstAdmin(db.kysely)
    const province = await moveFirstAdminToProvince(db.kysely)
    if (province) step(`Tài khoản admin đã chuyển về ${province}`, 'the first administrator moved to the imported province')
  }
  const readDb = config.databaseReadUrl ? await openDatabase({ databaseUrl: config.databaseReadUrl, dataDir: config.dataDir, readOnly: true }) : undefined
  if (readDb) step('Tìm kiếm, danh sách và xuất sổ đọc từ bản sao (DATABASE_READ_URL)', 'search, lists and exports read from the replica')
  step('Đang khởi động máy chủ', 'starting the server')
  // DEMO_CLOCK: the reports' clock starts at the given time and runs on (demo mode only, configProblem).
  const clockStart = config.demoClock?.getTime()
  const startedAt = Date.now()
  const now = clockStart === undefined ? undefined : () => new Date(clockStart + (Date.now() - startedAt))
  const { app, services } = await buildApp(config, db, { readDb, ...(now && { now }) })
  if (config.demoCampaign) {
    // The campaign's demo data goes through the services and waits for its jobs: the runner starts with ready().
    await app.ready()
    step('Chế độ demo: đang tạo dữ liệu chiến dịch mẫu nếu chưa có (lần đầu vài giây)', 'demo mode: seeding the demo campaign if absent')
    await seedDemoCampaign(services).catch((error: unknown) => {
      // A demo without its sample campaign still starts: the province and its accounts are there.
      console.error(`Không tạo được dữ liệu chiến dịch mẫu / demo campaign not seeded: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
  await app.listen({ port: config.port, host: config.host })
  const listening = app.server.address()
  // `npm run backup` asks this server for the embedded database's backup (modules/backups/cli-link.ts).
  if (db.engine === 'pglite' && listening && typeof listening !== 'string') writeServerLink(config.dataDir, { port: listening.port, token: services.backups.cliToken })

  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host
  const address = `http://${shownHost}:${config.port}`
  const where = db.engine === 'pglite' ? `PGlite, dữ liệu tại ${config.dataDir}${db.bufferPool ? `, vùng đệm ${db.bufferPool}` : ''}` : 'PostgreSQL (DATABASE_URL)'
  console.log(`\nHộ Tịch Số đang chạy: ${address}  (API: ${address}/api/docs; CSDL: ${where}; nghe trên ${config.host}:${config.port})`)
  if (config.demo) {
    console.log(`Chế độ demo: chỉ nghe trên ${config.host}, máy khác không truy cập được (demo mode: this machine only; DEMO=false to serve others).`)
    console.log(describeDemoAccounts(config.demoPassword))
  }
  if (firstAdmin) console.log(`\n${describeFirstAdmin(firstAdmin)}`)
  if (!config.demo && db.engine === 'pglite') {
    console.log('\nCẢNH BÁO: cơ sở dữ liệu nhúng (PGlite) không ghi đồng bộ xuống đĩa (không fsync): mất điện có thể làm mất hoặc hỏng phần việc gần nhất.')
    console.log(`Máy chủ tự sao lưu ${config.backups.scheduled ? `mỗi giờ và hằng đêm vào ${backupDirOf(config)}` : 'KHÔNG bật (BACKUP_SCHEDULE=false)'}; khi dùng thật, hãy dùng PostgreSQL (DATABASE_URL). Xem docs/OPERATIONS.md.`)
  }

  let stopping = false
  const stop = async (signal: string) => {
    // Ctrl+C reaches both npm start and this server, and npm start passes it on: stop once.
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: đang dừng...`)
    // A job that does not let go within 15 s must not keep the port: exit anyway (jobs resume at the next start).
    setTimeout(() => process.exit(1), 15_000).unref()
    await app.close()
    await db.close()
    await readDb?.close()
    if (db.engine === 'pglite') removeServerLink(config.dataDir)
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  // Started by scripts/start.mjs with an IPC channel: if it dies without passing on a signal, stop too.
  if (process.send) process.once('disconnect', () => void stop('disconnect'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
