import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Of } from './hashing'
import { createFileStore, FileCorruptError, FileMissingError, shardedKey, type FileStore } from './store'

/**
 * The same contract on both stores. The S3 store talks HTTP to s3rver, an S3-compatible server
 * started here on 127.0.0.1 (no network): this exercises our real S3 client code, not a mock.
 */
const S3 = { bucket: 'hotich-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' }
let dir: string
let s3server: S3rver
let endpoint: string
const stores: Record<'local' | 's3', () => FileStore> = {
  local: () => createFileStore({ kind: 'local', root: path.join(dir, 'local') }),
  s3: () => createFileStore({
    kind: 's3', tempDir: path.join(dir, 's3-tmp'), bucket: S3.bucket, endpoint, region: S3.region,
    accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey, forcePathStyle: true, prefix: 'hts/',
  }),
}

/** Replaces the stored bytes behind the store's back (disk for local, a raw PUT for S3). */
async function tamper(kind: 'local' | 's3', sha256: string, bytes: Buffer): Promise<void> {
  if (kind === 'local') {
    fs.writeFileSync(path.join(dir, 'local', shardedKey(sha256)), bytes)
    return
  }
  const client = new S3Client({ endpoint, region: S3.region, forcePathStyle: true, credentials: { accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey } })
  await client.send(new PutObjectCommand({ Bucket: S3.bucket, Key: `hts/${shardedKey(sha256)}`, Body: bytes }))
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-store-'))
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3rver'), configureBuckets: [{ name: S3.bucket, configs: [] }] })
  const address = await s3server.run()
  endpoint = `http://127.0.0.1:${address.port}`
})
afterAll(async () => {
  await s3server?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

for (const kind of ['local', 's3'] as const) {
  describe(`${kind} file store`, () => {
    it('stores by content hash once, reads back verified, lists and verifies', async () => {
      const store = stores[kind]()
      const bytes = Buffer.from(`trang sổ hộ tịch ${kind} `.repeat(1000))
      const sha = sha256Of(bytes)
      const first = await store.put(bytes)
      expect(first).toEqual({ sha256: sha, size: bytes.length, existed: false })
      expect(await store.put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]))).toEqual({ sha256: sha, size: bytes.length, existed: true })
      expect(await store.has(sha)).toBe(true)
      expect(await store.size(sha)).toBe(bytes.length)
      expect((await store.get(sha)).equals(bytes)).toBe(true)
      const chunks: Buffer[] = []
      for await (const chunk of await store.stream(sha)) chunks.push(chunk as Buffer)
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true)
      const copy = await store.localCopy(sha)
      expect(fs.readFileSync(copy.path).equals(bytes)).toBe(true)
      await copy.release()
      const listed: string[] = []
      for await (const s of store.list()) listed.push(s)
      expect(listed).toContain(sha)
      expect(await store.verify(sha)).toEqual({ sha256: sha, status: 'ok', size: bytes.length })

      const spooled = path.join(store.tempDir, 'upload.part')
      fs.mkdirSync(store.tempDir, { recursive: true })
      fs.writeFileSync(spooled, 'một tệp khác')
      const fromFile = await store.putFile(spooled)
      expect(fromFile).toMatchObject({ sha256: sha256Of(Buffer.from('một tệp khác')), existed: false })
      expect(fs.existsSync(spooled)).toBe(false)
    })

    it('refuses bytes that changed behind its back, says what is missing, and a re-upload repairs', async () => {
      const store = stores[kind]()
      const bytes = Buffer.from(`ảnh trang ${kind} `.repeat(500))
      const { sha256 } = await store.put(bytes)
      await tamper(kind, sha256, Buffer.from('not the same bytes'))
      await expect(store.get(sha256)).rejects.toBeInstanceOf(FileCorruptError)
      await expect(store.get(sha256)).rejects.toThrow(/bị thay đổi hoặc hỏng \(mã băm không khớp\)/)
      expect(await store.verify(sha256)).toMatchObject({ status: 'corrupt', actual: sha256Of(Buffer.from('not the same bytes')) })
      const repaired = await store.put(bytes)
      expect(repaired.existed).toBe(false)
      expect((await store.get(sha256)).equals(bytes)).toBe(true)

      const absent = sha256Of(Buffer.from(`never stored ${kind}`))
      await expect(store.get(absent)).rejects.toBeInstanceOf(FileMissingError)
      expect(await store.has(absent)).toBe(false)
      expect(await store.verify(absent)).toEqual({ sha256: absent, status: 'missing' })
    })

    it('removes a file by its hash, once', async () => {
      const store = stores[kind]()
      const { sha256 } = await store.put(Buffer.from(`tệp tải lên bỏ dở ${kind}`))
      expect(await store.remove(sha256)).toBe(true)
      expect(await store.has(sha256)).toBe(false)
      expect(await store.remove(sha256)).toBe(false)
      const listed: string[] = []
      for await (const s of store.list()) listed.push(s)
      expect(listed).not.toContain(sha256)
    })
  })
}
