/**
 * Off-site copies (issue 17): each verified backup is also sent to an S3-compatible bucket
 * (BACKUP_S3_BUCKET), in the same layout as the backup directory: `<prefix><name>.htsbak`, its
 * `.sha256` sidecar, and `<prefix>files/ab/cd/<sha256>` for the file store's content (only what the
 * bucket lacks). So `aws s3 sync s3://bucket/prefix/ dir/` (or any S3 client) gives back a directory
 * that `npm run restore -- dir/<name>.htsbak` restores. Multipart upload (@aws-sdk/lib-storage), so a
 * backup above the 5 GB of one PUT goes too. A failed copy leaves the local backup good and is
 * recorded on its row (the admin screen shows it), never hidden.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DeleteObjectsCommand } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createFileStore, createS3Client, type FileStore, type S3StoreConfig } from '../files'
import { copyMissing } from './files'
import { checksumPath } from './format'

export interface Offsite {
  /** s3://bucket/prefix, for messages and the admin screen. */
  location: string
  /** Sends a written and verified backup: first the files it lists, then its sidecar, the backup last (its presence means complete). */
  send(backupPath: string, source: FileStore | undefined, files: { sha256: string }[]): Promise<{ filesCopied: number }>
  /** Deletes a pruned generation's two objects (the content-addressed files stay, shared by the other generations). */
  remove(backupPath: string): Promise<void>
}

export function createOffsite(config: S3StoreConfig, tempDir: string): Offsite {
  const client = createS3Client(config)
  const store = createFileStore({ kind: 's3', tempDir, ...config, prefix: `${config.prefix}files/` })
  const keyOf = (file: string) => `${config.prefix}${path.basename(file)}`

  async function upload(file: string): Promise<void> {
    await new Upload({ client, params: { Bucket: config.bucket, Key: keyOf(file), Body: fs.createReadStream(file) }, partSize: 64 * 1024 * 1024, queueSize: 2 }).done()
  }

  return {
    location: `s3://${config.bucket}/${config.prefix}`,
    async send(backupPath, source, files) {
      const copied = source ? await copyMissing(source, store, files) : 0
      await upload(checksumPath(backupPath))
      await upload(backupPath)
      return { filesCopied: copied }
    },
    async remove(backupPath) {
      await client.send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: [{ Key: keyOf(backupPath) }, { Key: keyOf(checksumPath(backupPath)) }] } }))
    },
  }
}
