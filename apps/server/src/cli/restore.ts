// npm run restore -- FILE [--force]  (into DATA_DIR / DATABASE_URL as npm start would use them;
// stop the server first). Refuses a target that already holds data unless --force. See docs/OPERATIONS.md.
import { loadConfig } from '../config'
import { openDatabase } from '../db/engine'
import { liveServer, restoreBackup, takeCliLock } from '../modules/backups'
import { createFileStore, fileStoreConfigFromEnv } from '../modules/files/store'

const args = process.argv.slice(2)
const force = args.includes('--force')
const file = args.find((a) => !a.startsWith('--'))
const config = loadConfig()

async function main(): Promise<void> {
  if (!file) throw new Error('Cách dùng: npm run restore -- <tệp .htsbak> [--force]')
  if (!config.databaseUrl && liveServer(config.dataDir)) {
    throw new Error(`Máy chủ đang chạy trên ${config.dataDir}: hãy dừng máy chủ trước khi khôi phục.`)
  }
  const release = config.databaseUrl ? () => {} : takeCliLock(config.dataDir)
  try {
    const target = config.databaseUrl ? { engine: 'postgres' as const, url: config.databaseUrl } : { engine: 'pglite' as const, dataDir: config.dataDir }
    const targetFiles = createFileStore(fileStoreConfigFromEnv(config.dataDir))
    const report = await restoreBackup({
      file,
      target,
      targetFiles,
      force,
      open: () => openDatabase(config),
      say: (line) => console.error(line),
    })
    console.error(`Đã khôi phục bản sao lưu ${report.backupId} (lúc ${report.createdAt}): ${report.files.listed} tệp (${report.files.copied} chép mới, ${report.files.present} đã có${report.files.failed ? `, ${report.files.failed} LỖI` : ''}).`)
    console.error('Khởi động máy chủ như thường (npm start) rồi đăng nhập để kiểm tra.')
    if (report.files.failed > 0) process.exitCode = 1
    console.log(config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir)
  } finally {
    release()
  }
}

main().catch((error: unknown) => {
  console.error(`KHÔI PHỤC THẤT BẠI: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
