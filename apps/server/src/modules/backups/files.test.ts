import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileStore, type FileStore } from '../files/store'
import { parseFilesList } from './format'
import { restoreFiles, snapshotFiles } from './files'

/**
 * The file part of a backup with an S3 store on both ends (s3rver on 127.0.0.1): the backup store gets
 * only what it lacks, each backup lists every file, and a restore fills an empty bucket.
 */
const S3 = { bucket: 'hotich-backup-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' }
let dir: string
let s3server: S3rver
let endpoint: string
const s3Store = (prefix: string): FileStore =>
  createFileStore({ kind: 's3', tempDir: path.join(dir, `tmp-${prefix}`), bucket: S3.bucket, endpoint, region: S3.region, accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey, forcePathStyle: true, prefix: `${prefix}/` })

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-backup-files-'))
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3rver'), configureBuckets: [{ name: S3.bucket, configs: [] }] })
  endpoint = `http://127.0.0.1:${(await s3server.run()).port}`
})
afterAll(async () => {
  await s3server?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('file store backup (S3 → local backup store → S3)', () => {
  it('copies what is missing, lists every file, and restores into an empty bucket', async () => {
    const live = s3Store('live')
    const stored = await Promise.all(['trang 1', 'trang 2', 'trang 3'].map((text) => live.put(Buffer.from(text.repeat(500)))))
    const backupStore = createFileStore({ kind: 'local', root: path.join(dir, 'backup-files') })

    const first = await snapshotFiles(live, backupStore)
    expect(first).toMatchObject({ count: 3, copied: 3, problems: [] })
    await live.put(Buffer.from('trang 4'))
    const second = await snapshotFiles(live, backupStore)
    expect(second).toMatchObject({ count: 4, copied: 1, problems: [] })
    const listed = parseFilesList(second.list)
    expect(listed.map((f) => f.sha256)).toEqual(expect.arrayContaining(stored.map((s) => s.sha256)))

    const target = s3Store('restored')
    const restored = await restoreFiles(backupStore, target, listed)
    expect(restored).toEqual({ copied: 4, present: 0, failed: [] })
    for (const file of listed) expect(await target.verify(file.sha256)).toMatchObject({ status: 'ok', size: file.size })
    expect(await restoreFiles(backupStore, target, listed)).toEqual({ copied: 0, present: 4, failed: [] })
  })
})
