import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BackupCliRequest, BackupCliResult, BackupHealth, BackupList, BackupStarted } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import { HttpError } from '../../http/errors'
import type { AppServices } from '../../app'
import { actorOf } from '../audit'
import { presentBackup } from './presenter'
import { BackupBusyError } from './service'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function backupsRoutes(app: FastifyInstance, { authenticate, backups }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['backups']
  const busy = (error: unknown) => {
    if (error instanceof BackupBusyError) throw new HttpError(409, 'backup_running', error.message)
    throw error
  }

  r.get('/api/backups', {
    schema: { tags, summary: 'Các bản sao lưu gần đây (mới nhất trước), kích thước, thời gian, kết quả kiểm tra', response: { 200: BackupList } },
    preHandler: [authenticate, requirePermission('backup.read')],
  }, async () => ({ items: (await backups.list()).map((row) => presentBackup(row, backups.offsiteLocation !== undefined)) }))

  r.get('/api/backups/status', {
    schema: { tags, summary: 'Bản sao lưu tốt gần nhất và tuổi của nó', response: { 200: BackupHealth } },
    preHandler: [authenticate, requirePermission('backup.read')],
  }, async () => backups.health())

  r.post('/api/backups', {
    schema: { tags, summary: 'Sao lưu ngay (chạy nền; theo dõi ở GET /api/backups)', response: { 202: BackupStarted } },
    preHandler: [authenticate, requirePermission('backup.run')],
  }, async (request, reply) => {
    const id = await backups.start('manual', { kind: 'user', actor: actorOf(currentUser(request)) }).catch(busy)
    return reply.code(202).send({ id })
  })

  // `npm run backup` on this machine while the server holds the PGlite directory (backups/cli-link.ts).
  r.post('/api/backups/cli', {
    schema: { tags, summary: 'Dành cho lệnh npm run backup trên máy chủ (mã bí mật trong DATA_DIR/.hts-server.json)', body: BackupCliRequest, response: { 200: BackupCliResult } },
  }, async (request) => {
    const token = request.headers['x-hts-cli-token']
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || !backups.isCliToken(typeof token === 'string' ? token : undefined)) {
      throw new HttpError(403, 'forbidden', 'Chỉ lệnh npm run backup chạy trên chính máy chủ này mới được gọi địa chỉ này.')
    }
    return backups.run('cli', { kind: 'cli', osUser: request.body.osUser, host: request.body.host }).catch(busy)
  })
}
