import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { sha256Of, sha256OfFile, spoolToFile } from './hashing'
import { FileCorruptError, FileMissingError, SHA256_PATTERN, shardedKey } from './errors'
import type { FileStore, PutResult, VerifyResult } from './store'

export interface S3StoreConfig {
  bucket: string
  endpoint: string | undefined
  region: string
  accessKeyId: string | undefined
  secretAccessKey: string | undefined
  /** MinIO, Ceph and most self-hosted S3-compatible stores need path-style URLs. */
  forcePathStyle: boolean
  /** Optional key prefix, e.g. "hotich/" when the bucket is shared. */
  prefix: string
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404
  }
  return false
}

/** The client for a bucket of an S3-compatible service, as the store and the backups' off-site copy use it. */
export function createS3Client(config: Omit<S3StoreConfig, 'bucket' | 'prefix'>): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Only what S3 requires: many S3-compatible servers do not know the SDK's newer default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
  })
}

/** Same layout as the local store (`prefix + ab/cd/<sha256>`), in one bucket of an S3-compatible service. */
export function createS3FileStore(config: S3StoreConfig, tempDir: string): FileStore {
  const client = createS3Client(config)
  const keyOf = (sha256: string) => config.prefix + shardedKey(sha256)

  async function size(sha256: string): Promise<number | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }))
      return head.ContentLength ?? 0
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  async function download(sha256: string): Promise<Buffer> {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }))
      if (!object.Body) throw new FileMissingError(sha256)
      return Buffer.from(await object.Body.transformToByteArray())
    } catch (error) {
      if (isNotFound(error)) throw new FileMissingError(sha256)
      throw error
    }
  }

  async function verify(sha256: string): Promise<VerifyResult> {
    let bytes: Buffer
    try {
      bytes = await download(sha256)
    } catch (error) {
      if (error instanceof FileMissingError) return { sha256, status: 'missing' }
      throw error
    }
    const actual = sha256Of(bytes)
    return actual === sha256 ? { sha256, status: 'ok', size: bytes.length } : { sha256, status: 'corrupt', actual, size: bytes.length }
  }

  async function upload(sha256: string, bytes: number, body: Buffer | (() => Readable)): Promise<PutResult> {
    if ((await size(sha256)) === bytes && (await verify(sha256)).status === 'ok') return { sha256, size: bytes, existed: true }
    await client.send(new PutObjectCommand({
      Bucket: config.bucket,
      Key: keyOf(sha256),
      Body: typeof body === 'function' ? body() : body,
      ContentLength: bytes,
      ContentType: 'application/octet-stream',
      Metadata: { sha256 },
    }))
    return { sha256, size: bytes, existed: false }
  }

  async function putFile(filePath: string, known?: { sha256: string; size: number }): Promise<PutResult> {
    try {
      const { sha256, size: bytes } = known ?? (await sha256OfFile(filePath))
      return await upload(sha256, bytes, () => fs.createReadStream(filePath))
    } finally {
      await fs.promises.rm(filePath, { force: true })
    }
  }

  return {
    kind: 's3',
    tempDir,
    location: `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` (${config.endpoint})` : ''}`,
    async put(data) {
      if (data instanceof Readable) {
        // S3 needs the length (and we need the hash for the key) before sending: spool to disk first.
        const spooled = await spoolToFile(data, tempDir)
        return putFile(spooled.path, spooled)
      }
      const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      return upload(sha256Of(bytes), bytes.length, bytes)
    },
    putFile,
    async get(sha256) {
      const bytes = await download(sha256)
      const actual = sha256Of(bytes)
      if (actual !== sha256) throw new FileCorruptError(sha256, actual)
      return bytes
    },
    async stream(sha256) {
      return Readable.from([await this.get(sha256)])
    },
    async localCopy(sha256) {
      await fs.promises.mkdir(tempDir, { recursive: true })
      const target = path.join(tempDir, `${sha256}-${process.pid}-${Date.now()}.copy`)
      await pipeline(await this.stream(sha256), fs.createWriteStream(target))
      return { path: target, release: () => fs.promises.rm(target, { force: true }) }
    },
    has: async (sha256) => (await size(sha256)) !== undefined,
    size,
    verify,
    async remove(sha256) {
      if ((await size(sha256)) === undefined) return false
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: keyOf(sha256) }))
      return true
    },
    async *list() {
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix, ContinuationToken: token }))
        for (const object of page.Contents ?? []) {
          const name = object.Key?.split('/').pop() ?? ''
          if (SHA256_PATTERN.test(name)) yield name
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
  }
}
