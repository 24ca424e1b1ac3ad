/**
 * `npm run restore -- FILE [--force]`: into an empty target only (a non-empty one needs --force and is
 * moved aside or dropped, saying so), after the whole file, every part, the dump and the listed files
 * have been checked. The restored database records who restored what (audit `backup.restore`).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../../db/engine'
import { recordAudit } from '../audit'
import { createFileStore, type FileStore } from '../files'
import { clearTarget, describeTarget, restoreDatabase, type RestoreTarget } from './database'
import { restoreFiles } from './files'
import { openBackupFile } from './format'
import { markRestoredRow } from './repository'
import { verifyBackupFile } from './verify'

export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  file: string
  target: RestoreTarget
  /** The target's file store (DATA_DIR/files or its bucket). */
  targetFiles: FileStore
  force: boolean
  /** Opens the restored database (to record the restore in it). */
  open(): Promise<Db>
  /** Progress lines for the operator. */
  say?(line: string): void
}

export interface RestoreReport {
  backupId: string
  createdAt: string
  engine: 'pglite' | 'postgres'
  files: { listed: number; copied: number; present: number; failed: number }
  replaced: string | undefined
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const say = options.say ?? (() => {})
  const file = path.resolve(options.file)
  if (!fs.existsSync(file)) throw new RestoreRefusedError(`Không tìm thấy tệp sao lưu ${file}.`)
  const backupStore = createFileStore({ kind: 'local', root: path.join(path.dirname(file), 'files') })
  say('Đang kiểm tra bản sao lưu (mã kiểm tra, từng phần, bản dump, các tệp)...')
  const verified = await verifyBackupFile(file, backupStore)
  const { manifest } = verified
  if (manifest.engine !== options.target.engine) {
    const names = { pglite: 'PGlite (nhúng)', postgres: 'PostgreSQL' }
    throw new RestoreRefusedError(`Bản sao lưu này của ${names[manifest.engine]}, nơi khôi phục là ${names[options.target.engine]}: không khôi phục chéo giữa hai loại cơ sở dữ liệu. ${manifest.engine === 'postgres' ? 'Đặt DATABASE_URL trỏ tới một cơ sở dữ liệu PostgreSQL trống.' : 'Bỏ DATABASE_URL và đặt DATA_DIR tới một thư mục trống.'}`)
  }
  const occupied = await describeTarget(options.target)
  let replaced: string | undefined
  if (occupied) {
    if (!options.force) {
      throw new RestoreRefusedError(`Không khôi phục: ${occupied}. Chỉ khôi phục vào nơi trống, để không ghi đè dữ liệu đang dùng. Hãy chọn DATA_DIR/DATABASE_URL trống, hoặc thêm --force nếu chắc chắn muốn thay dữ liệu hiện có (máy chủ phải đang dừng).`)
    }
    replaced = await clearTarget(options.target)
    say(`--force: ${replaced}`)
  }
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hts-restore-'))
  const opened = await openBackupFile(file)
  try {
    const dump = path.join(work, manifest.database.name)
    await opened.extract(manifest.database.name, dump)
    say('Đang khôi phục cơ sở dữ liệu...')
    await restoreDatabase(options.target, dump)
  } finally {
    opened.close()
    await fs.promises.rm(work, { recursive: true, force: true })
  }
  let copied = { copied: 0, present: 0, failed: [] as { sha256: string; error: string }[] }
  if (manifest.files.mode === 'copy') {
    say(`Đang chép ${verified.files.length} tệp còn thiếu vào kho tệp ${options.targetFiles.location}...`)
    copied = await restoreFiles(backupStore, options.targetFiles, verified.files)
  } else {
    say('Bản sao lưu chỉ liệt kê tệp (BACKUP_FILES=manifest): kho tệp phải được khôi phục bằng cách khác.')
  }
  const db = await options.open()
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await markRestoredRow(trx, manifest.id, { path: file, sizeBytes: verified.size, sha256: verified.sha256, files: manifest.files.count })
      await recordAudit(trx, null, {
        action: 'backup.restore',
        entityType: 'backup',
        entityId: manifest.id,
        details: { file, createdAt: manifest.createdAt, osUser: os.userInfo().username, host: os.hostname(), forced: options.force, replaced: replaced ?? null, files: { listed: verified.files.length, copied: copied.copied, failed: copied.failed.length } },
      })
    })
  } finally {
    await db.close()
  }
  return {
    backupId: manifest.id,
    createdAt: manifest.createdAt,
    engine: manifest.engine,
    files: { listed: verified.files.length, copied: copied.copied, present: copied.present, failed: copied.failed.length },
    replaced,
  }
}
