import fs from 'node:fs'
import path from 'node:path'
import { BACKUP_EXTENSION } from './format'

/** The newest backup file of the directory: the one named in last-good.txt (written after verification), else the newest by name. */
function lastGoodBackup(backupDir: string): string | undefined {
  try {
    const named = fs.readFileSync(path.join(backupDir, 'last-good.txt'), 'utf8').trim()
    if (named && fs.existsSync(named)) return named
  } catch {
    // No backup verified yet in this directory.
  }
  try {
    const files = fs.readdirSync(backupDir).filter((f) => f.endsWith(BACKUP_EXTENSION)).sort()
    const newest = files.at(-1)
    return newest ? path.join(backupDir, newest) : undefined
  } catch {
    return undefined
  }
}

/**
 * What to tell the operator when PGlite cannot open its data directory (the embedded engine does not
 * fsync: a power cut can leave it damaged), in Vietnamese, with the command that restores the last good backup.
 */
export function describeDamagedDataDir(dataDir: string, backupDir: string, error: unknown): string {
  const cause = error instanceof Error ? error.message : String(error)
  const backup = lastGoodBackup(backupDir)
  const lines = [
    `Không mở được cơ sở dữ liệu nhúng tại ${path.join(dataDir, 'pgdata')} (${cause}).`,
    'Thư mục dữ liệu có thể đã hỏng, thường do mất điện hoặc máy tắt đột ngột (cơ sở dữ liệu nhúng PGlite không ghi đồng bộ xuống đĩa - không fsync).',
  ]
  if (backup) {
    lines.push(
      'Khôi phục bản sao lưu tốt gần nhất (thư mục hỏng được giữ lại bên cạnh, không bị xóa):',
      `  DATA_DIR=${dataDir} npm run restore -- --force ${backup}`,
      'Dữ liệu nhập sau thời điểm của bản sao lưu đó sẽ phải nhập lại. Xem docs/OPERATIONS.md, mục "Khôi phục".',
    )
  } else {
    lines.push(`Không tìm thấy bản sao lưu nào trong ${backupDir}. Xem docs/OPERATIONS.md, mục "Khôi phục"; đừng xóa thư mục dữ liệu.`)
  }
  return lines.join('\n')
}
