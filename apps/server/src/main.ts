import { loadConfig } from './config'
import { buildApp } from './app'
import { openDatabase } from './db/engine'
import { migrateToLatest } from './db/migrate'
import { describeDemoAccounts, seedDemo } from './seed/demo'

async function main(): Promise<void> {
  const config = loadConfig()
  const db = await openDatabase(config)
  await migrateToLatest(db)
  if (config.demo) await seedDemo(db.kysely, config.demoPassword)
  const { app } = await buildApp(config, db)
  await app.listen({ port: config.port, host: config.host })

  const address = `http://localhost:${config.port}`
  const where = db.engine === 'pglite' ? `PGlite, dữ liệu tại ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'
  console.log(`\nHộ Tịch Số đang chạy: ${address}  (API: ${address}/api/docs; CSDL: ${where})`)
  if (config.demo) console.log(describeDemoAccounts(config.demoPassword))

  const stop = async (signal: string) => {
    console.log(`\n${signal}: đang dừng...`)
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
