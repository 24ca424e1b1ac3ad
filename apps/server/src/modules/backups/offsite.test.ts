/**
 * Off-site copies (issue 17): with BACKUP_S3_BUCKET, a verified backup also goes to an S3-compatible
 * bucket (s3rver here, real HTTP) in the backup directory's own layout, so the bucket's objects,
 * downloaded as they are, verify and restore; pruning removes a generation there too; a bucket that
 * does not answer leaves the local backup good and says so on the admin screen. Both engines.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config'
import { openDatabase, type Db } from '../../db/engine'
import { migrateToLatest } from '../../db/migrate'
import { seedDemo } from '../../seed/demo'
import { serveOn, TEST_PASSWORD, type TestServer } from '../../test/harness'
import { copyBlankPgliteCluster } from '../../test/pglite-template'
import { createScratchDatabase, type ScratchDatabase } from '../../test/scratch-database'
import { createFileStore, createS3Client } from '../files'
import { verifyBackupFile } from './verify'

const BUCKET = 'hts-offsite'
const cleanups: (() => Promise<void>)[] = []
let dir: string
let s3: S3rver
let endpoint: string
let server: TestServer

async function database(dataDir: string): Promise<{ db: Db; databaseUrl: string | undefined }> {
  let scratch: ScratchDatabase | undefined
  if (process.env.DATABASE_URL) {
    scratch = await createScratchDatabase(process.env.DATABASE_URL, 'hts_offsite')
    cleanups.push(() => scratch!.drop(2500))
  } else {
    await copyBlankPgliteCluster(path.join(dataDir, 'pgdata'))
  }
  const db = await openDatabase({ databaseUrl: scratch?.url, dataDir })
  await migrateToLatest(db)
  await seedDemo(db.kysely, TEST_PASSWORD)
  return { db, databaseUrl: scratch?.url }
}

async function serverWith(bucketEndpoint: string, keepManual: number): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(dir, 'data-'))
  const { db, databaseUrl } = await database(dataDir)
  const env = { BACKUP_S3_BUCKET: BUCKET, BACKUP_S3_ENDPOINT: bucketEndpoint, BACKUP_S3_ACCESS_KEY_ID: 'S3RVER', BACKUP_S3_SECRET_ACCESS_KEY: 'S3RVER', BACKUP_S3_FORCE_PATH_STYLE: 'true', BACKUP_KEEP_MANUAL: String(keepManual) }
  const config = loadConfig({ ...env, DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) })
  const started = await serveOn(db, { config: { dataDir, databaseUrl, backups: config.backups } }, async () => db.close())
  cleanups.push(() => started.close())
  return started
}

const client = () => createS3Client({ endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true })

async function objects(): Promise<string[]> {
  const listed = await client().send(new ListObjectsV2Command({ Bucket: BUCKET }))
  return (listed.Contents ?? []).map((o) => o.Key ?? '').sort()
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-offsite-'))
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3rver'), configureBuckets: [{ name: BUCKET, configs: [] }] })
  endpoint = `http://127.0.0.1:${(await s3.run()).port}`
  server = await serverWith(endpoint, 1)
}, 120_000)

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await s3?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('off-site copies of backups', () => {
  it('sends the backup, its checksum and the missing files; the bucket, downloaded as is, verifies', async () => {
    const stored = await server.services.files.put(Buffer.from('trang sổ quét '.repeat(500)))
    const result = await server.services.backups.run('manual', { kind: 'schedule' })
    const name = path.basename(result.path)
    expect(await objects()).toEqual([`hts-backups/${name}`, `hts-backups/${name}.sha256`, `hts-backups/files/${stored.sha256.slice(0, 2)}/${stored.sha256.slice(2, 4)}/${stored.sha256}`].sort())

    // As an operator would: every object under the prefix into an empty directory, then verify.
    const restoreDir = fs.mkdtempSync(path.join(dir, 'downloaded-'))
    for (const key of await objects()) {
      const body = await (await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToByteArray()
      const target = path.join(restoreDir, key.slice('hts-backups/'.length))
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, body ?? new Uint8Array())
    }
    expect(fs.readFileSync(path.join(restoreDir, name)).equals(fs.readFileSync(result.path))).toBe(true)
    const verified = await verifyBackupFile(path.join(restoreDir, name), createFileStore({ kind: 'local', root: path.join(restoreDir, 'files') }))
    expect(verified.sha256).toBe(result.sha256)
    expect(verified.files.map((f) => f.sha256)).toContain(stored.sha256)

    const admin = await server.login('admin')
    const listed = (await admin.get('/api/backups')).body.items as { id: string; offsite: { copiedAt: string | null; error: string | null } | null }[]
    expect(listed.find((b) => b.id === result.id)?.offsite).toMatchObject({ error: null, copiedAt: expect.any(String) })
  }, 120_000)

  it('prunes a generation in the bucket with the local one; the shared files stay', async () => {
    const before = await objects()
    const second = await server.services.backups.run('manual', { kind: 'schedule' })
    const after = await objects()
    // One manual generation kept: the first backup's two objects are gone, the second's are there.
    expect(after.filter((k) => k.endsWith('.htsbak'))).toEqual([`hts-backups/${path.basename(second.path)}`])
    expect(after.filter((k) => k.includes('/files/'))).toEqual(before.filter((k) => k.includes('/files/')))
  }, 120_000)

  it('keeps the local backup good when the bucket does not answer, and says why', async () => {
    const unreachable = await serverWith('http://127.0.0.1:9', 10)
    const result = await unreachable.services.backups.run('manual', { kind: 'schedule' })
    expect(fs.existsSync(result.path)).toBe(true)
    const admin = await unreachable.login('admin')
    const listed = (await admin.get('/api/backups')).body.items as { id: string; status: string; offsite: { copiedAt: string | null; error: string | null } | null }[]
    const row = listed.find((b) => b.id === result.id)
    expect(row?.status).toBe('succeeded')
    expect(row?.offsite?.copiedAt).toBeNull()
    expect(row?.offsite?.error).toMatch(/^Không chép được lên s3:\/\/hts-offsite\/hts-backups\//)
  }, 120_000)
})
