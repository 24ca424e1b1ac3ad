import type { Kysely, Selectable } from 'kysely'
import { ROLES, isRole, type Role } from '@hts/domain'
import type { Database, UsersTable } from '../../db/schema'
import { HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import { hashPassword } from '../auth'
import type { AuthUser } from '../auth'
import { endSessionsOf } from '../auth'
import type { UnitsService } from '../units'

type UserRow = Selectable<UsersTable> & { unit_name: string }

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    roleLabel: isRole(row.role) ? ROLES[row.role].label : row.role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    locked: row.locked,
    lockedReason: row.locked_reason,
    lastLoginAt: row.last_login_at,
  }
}

export interface NewUser {
  username: string
  fullName: string
  role: Role
  unitId: string
  password: string
}

export function createUsersService(db: Kysely<Database>, units: UnitsService) {
  const select = () =>
    db.selectFrom('users').innerJoin('administrative_units as u', 'u.id', 'users.unit_id').selectAll('users').select('u.name as unit_name')

  async function getInScope(actor: AuthUser, userId: string): Promise<UserRow> {
    const row = await select().where('users.id', '=', userId).executeTakeFirst()
    if (!row || !(await units.scopeOf(actor.unitId)).has(row.unit_id)) throw notFound('Không tìm thấy tài khoản này')
    return row
  }

  async function setLocked(actor: AuthUser, userId: string, locked: boolean, reason: string | null) {
    const target = await getInScope(actor, userId)
    if (target.id === actor.id) throw new HttpError(400, 'validation', 'Không thể tự khóa hoặc mở khóa tài khoản của chính mình')
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set(locked
          ? { locked: true, locked_reason: reason, locked_at: new Date(), updated_at: new Date() }
          : { locked: false, locked_reason: null, locked_at: null, failed_login_count: 0, updated_at: new Date() })
        .where('id', '=', userId)
        .execute()
      if (locked) await endSessionsOf(trx, userId)
      await recordAudit(trx, actorOf(actor), {
        action: locked ? 'user.lock' : 'user.unlock',
        entityType: 'user',
        entityId: userId,
        details: { reason },
      })
    })
    return getInScope(actor, userId)
  }

  return {
    async list(actor: AuthUser) {
      const scope = [...(await units.scopeOf(actor.unitId))]
      return select().where('users.unit_id', 'in', scope).orderBy('u.name').orderBy('users.username').execute()
    },
    lock: (actor: AuthUser, userId: string, reason: string) => setLocked(actor, userId, true, reason),
    unlock: (actor: AuthUser, userId: string) => setLocked(actor, userId, false, null),

    async create(actor: AuthUser, input: NewUser) {
      if (!(await units.scopeOf(actor.unitId)).has(input.unitId)) {
        throw new HttpError(400, 'validation', 'Đơn vị của tài khoản không thuộc phạm vi của bạn', { fieldErrors: { unitId: 'Chọn đơn vị trong phạm vi quản lý' } })
      }
      const passwordHash = await hashPassword(input.password)
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('users')
          .values({ username: input.username.toLowerCase(), full_name: input.fullName, role: input.role, unit_id: input.unitId, password_hash: passwordHash })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(actor), {
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          details: { username: input.username, role: input.role, unitId: input.unitId },
        })
        return row.id
      })
      return getInScope(actor, id)
    },
  }
}
export type UsersService = ReturnType<typeof createUsersService>
