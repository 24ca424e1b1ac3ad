/** Reads a backup file back after writing it (and before restoring it): the whole checksum, every part, the dump itself, the files. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import type { FileStore } from '../files'
import { checkPostgresDump, PGLITE_PART } from './database'
import { BackupInvalidError, CHUNK, FILES_LIST_NAME, openBackupFile, parseFilesList, verifyWholeChecksum, type BackupManifest } from './format'
import { missingFromBackup } from './files'

export interface VerifiedBackup {
  manifest: BackupManifest
  sha256: string
  size: number
  files: { sha256: string; size: number }[]
}

/** Throws BackupInvalidError (Vietnamese) on anything wrong; `backupStore` checks that the listed files are there. */
export async function verifyBackupFile(file: string, backupStore?: FileStore): Promise<VerifiedBackup> {
  const whole = await verifyWholeChecksum(file)
  const opened = await openBackupFile(file)
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hts-verify-'))
  try {
    const { manifest } = opened
    const files = parseFilesList(await opened.readText(FILES_LIST_NAME))
    if (files.length !== manifest.files.count) throw new BackupInvalidError('Danh sách tệp trong bản sao lưu không đủ số dòng ghi trong manifest.json.')
    const dump = path.join(work, manifest.database.name)
    await opened.extract(manifest.database.name, dump)
    if (manifest.database.name === PGLITE_PART) {
      // The tar.gz must inflate to its end: a truncated gzip fails here.
      await pipeline(fs.createReadStream(dump, { highWaterMark: CHUNK }), createGunzip({ chunkSize: CHUNK }), async (s: AsyncIterable<Buffer>) => {
        for await (const chunk of s) void chunk
      })
    } else if ((await checkPostgresDump(dump)) === 0) {
      throw new BackupInvalidError('Bản dump PostgreSQL trong bản sao lưu không có đối tượng nào.')
    }
    if (backupStore && manifest.files.mode === 'copy') {
      const missing = await missingFromBackup(backupStore, files)
      if (missing.length > 0) throw new BackupInvalidError(`${missing.length} tệp có trong danh sách nhưng thiếu trong kho tệp sao lưu (ví dụ ${missing[0]}).`)
    }
    return { manifest, sha256: whole.sha256, size: whole.size, files }
  } finally {
    opened.close()
    await fs.promises.rm(work, { recursive: true, force: true })
  }
}
