// npm run backup  (same DATA_DIR / DATABASE_URL as npm start; see docs/OPERATIONS.md)
// PostgreSQL: pg_dump here, whether the server runs or not. PGlite: a running server takes the backup
// (asked through DATA_DIR/.hts-server.json); a stopped one's directory is opened here.
// The last line printed is the path of the backup written.
import os from 'node:os'
import { BackupCliResult } from '@hts/domain'
import { loadConfig } from '../config'
import { openDatabase } from '../db/engine'
import { migrateToLatest } from '../db/migrate'
import { backupDirOf, cliRequester, createBackupsService, liveServer, takeCliLock, type BackupResult } from '../modules/backups'
import { createFileStore, fileStoreConfigFromEnv } from '../modules/files/store'

const config = loadConfig()

function report(result: BackupResult, where: string): void {
  console.error(`Đã sao lưu và kiểm tra (${where}): ${(result.sizeBytes / 1024 / 1024).toFixed(1)} MB, ${result.files} tệp (${result.filesCopied} tệp mới chép), ${(result.durationMs / 1000).toFixed(1)} s, SHA-256 ${result.sha256}`)
  console.log(result.path)
}

async function askServer(port: number, token: string): Promise<BackupResult> {
  const response = await fetch(`http://127.0.0.1:${port}/api/backups/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hts-cli-token': token },
    body: JSON.stringify({ osUser: os.userInfo().username, host: os.hostname() }),
    signal: AbortSignal.timeout(6 * 3600_000),
  })
  const body: unknown = await response.json()
  if (!response.ok) throw new Error(`Máy chủ từ chối sao lưu (${response.status}): ${typeof body === 'object' && body && 'message' in body ? String(body.message) : JSON.stringify(body)}`)
  return BackupCliResult.parse(body)
}

async function main(): Promise<void> {
  if (!config.databaseUrl) {
    const server = liveServer(config.dataDir)
    if (server?.port === 0) throw new Error(`Máy chủ (pid ${server.pid}) đang khởi động trên ${config.dataDir}; hãy thử lại sau ít phút.`)
    if (server) {
      console.error(`Máy chủ (pid ${server.pid}) đang mở ${config.dataDir}: nhờ máy chủ sao lưu...`)
      return report(await askServer(server.port, server.token), 'bởi máy chủ đang chạy')
    }
  }
  const release = config.databaseUrl ? () => {} : takeCliLock(config.dataDir)
  try {
    const db = await openDatabase(config)
    try {
      await migrateToLatest(db)
      const files = createFileStore(fileStoreConfigFromEnv(config.dataDir))
      const backups = createBackupsService({ db, files, config: config.backups, dir: backupDirOf(config), databaseUrl: config.databaseUrl })
      console.error(`Đang sao lưu ${config.databaseUrl ? 'PostgreSQL (pg_dump)' : `cơ sở dữ liệu nhúng ${config.dataDir}`} và kho tệp ${files.location} vào ${backupDirOf(config)}...`)
      report(await backups.run('cli', cliRequester()), 'bởi lệnh này')
    } finally {
      await db.close()
    }
  } finally {
    release()
  }
}

main().catch((error: unknown) => {
  console.error(`SAO LƯU THẤT BẠI: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
