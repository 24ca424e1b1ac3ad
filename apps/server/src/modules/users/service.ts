import { sql, type Kysely, type Selectable } from 'kysely'
import {
  ROLES, changeRefusal, grantRefusal, isRole, manageRefusal, readsCitizenData,
  type AccountManager, type AccountRefusal, type Role, type UserChange,
} from '@hts/domain'
import { z } from 'zod'
import type { Database, UsersTable } from '../../db/schema'
import { HttpError, notFound, refused } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import { hashPassword } from '../auth'
import type { AuthUser } from '../auth'
import { endSessionsOf } from '../auth'
import type { UnitsService } from '../units'
import type { PasswordPolicy } from './password-policy'

type UserRow = Selectable<UsersTable> & { unit_name: string }

/** A lock after wrong passwords shows to administrators (never at login) with the time it ends. */
function wrongPasswordLock(row: UserRow): string | null {
  if (row.locked || row.locked_until === null || new Date(row.locked_until) <= new Date()) return null
  const until = new Date(row.locked_until).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })
  return `Nhập sai mật khẩu nhiều lần, tự mở khóa lúc ${until}`
}

export function presentUser(row: UserRow) {
  const temporary = wrongPasswordLock(row)
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    roleLabel: isRole(row.role) ? ROLES[row.role].label : row.role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    locked: row.locked || temporary !== null,
    lockedReason: temporary ?? row.locked_reason,
    lastLoginAt: row.last_login_at,
    mustChangePassword: row.must_change_password,
  }
}

export interface NewUser {
  username: string
  fullName: string
  role: Role
  unitId: string
  password: string
}

export interface UserChanges {
  fullName?: string | undefined
  role?: Role | undefined
  unitId?: string | undefined
}

/** A refusal of the account rules (issue 14): "not yours" is 404 like everywhere else, the rest 403. */
function refusalError(refusal: AccountRefusal): HttpError {
  return refusal.reason === 'out_of_scope' ? notFound(refusal.message) : refused(refusal.message, { reason: refusal.reason })
}

function roleOf(row: { role: string }): Role {
  if (!isRole(row.role)) throw new Error(`unknown role ${row.role}`)
  return row.role
}

/** An account's role and unit as audit rows record them (before/after a change). */
const accountState = (account: { role: string; unitId: string }) => ({ role: account.role, unitId: account.unitId })

/** Audit details of user.* rows; older rows carry only role and unitId (a creation). */
const AccountStateDetails = z.object({ role: z.string(), unitId: z.string() })
const UserChangeDetails = z.object({
  role: z.string().optional(),
  unitId: z.string().optional(),
  before: AccountStateDetails.nullable().optional(),
  after: AccountStateDetails.nullable().optional(),
  reason: z.string().nullable().optional(),
})

const ACTION_LABELS: Record<string, string> = {
  'user.create': 'Tạo tài khoản',
  'user.update': 'Đổi thông tin, vai trò hoặc đơn vị',
  'user.lock': 'Khóa tài khoản',
  'user.unlock': 'Mở khóa tài khoản',
  'user.password_reset': 'Đặt lại mật khẩu',
}

export function createUsersService(db: Kysely<Database>, units: UnitsService, passwords: PasswordPolicy) {
  const select = () =>
    db.selectFrom('users').innerJoin('administrative_units as u', 'u.id', 'users.unit_id').selectAll('users').select('u.name as unit_name')

  async function managerOf(actor: AuthUser): Promise<AccountManager> {
    return { id: actor.id, role: actor.role, scope: await units.scopeOf(actor.unitId) }
  }

  /** The unit an account is given, with its level; a unit outside the scope is "not found". */
  async function unitInScope(manager: AccountManager, unitId: string) {
    const unit = manager.scope.has(unitId) ? await units.findById(unitId) : undefined
    if (!unit) throw notFound('Không tìm thấy đơn vị này trong phạm vi của bạn')
    return unit
  }

  async function getInScope(actor: AuthUser, userId: string): Promise<UserRow> {
    const row = await select().where('users.id', '=', userId).executeTakeFirst()
    if (!row || !(await units.scopeOf(actor.unitId)).has(row.unit_id)) throw notFound('Không tìm thấy tài khoản này')
    return row
  }

  async function setLocked(actor: AuthUser, userId: string, locked: boolean, reason: string | null) {
    const target = await getInScope(actor, userId)
    const refusal = manageRefusal(await managerOf(actor), { userId: target.id, role: roleOf(target), unitId: target.unit_id })
    if (refusal) throw refusalError(refusal)
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set(locked
          ? { locked: true, locked_reason: reason, locked_at: new Date(), updated_at: new Date() }
          : { locked: false, locked_reason: null, locked_at: null, failed_login_count: 0, locked_until: null, lock_count: 0, updated_at: new Date() })
        .where('id', '=', userId)
        .execute()
      if (locked) await endSessionsOf(trx, userId)
      await recordAudit(trx, actorOf(actor), {
        action: locked ? 'user.lock' : 'user.unlock',
        entityType: 'user',
        entityId: userId,
        details: {
          username: target.username,
          reason,
          before: { ...accountState({ role: target.role, unitId: target.unit_id }), locked: target.locked },
          after: { ...accountState({ role: target.role, unitId: target.unit_id }), locked },
        },
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
      const manager = await managerOf(actor)
      const unit = await unitInScope(manager, input.unitId)
      const refusal = grantRefusal(manager, { role: input.role, unitId: unit.id, unitLevel: unit.level })
      if (refusal) throw refusalError(refusal)
      passwords.check(input.password, { username: input.username, fullName: input.fullName, unitName: unit.name }, 'password')
      const passwordHash = await hashPassword(input.password)
      const id = await db.transaction().execute(async (trx) => {
        // The administrator chose the password, so it is temporary: the account changes it at first login.
        const row = await trx
          .insertInto('users')
          .values({ username: input.username.toLowerCase(), full_name: input.fullName, role: input.role, unit_id: input.unitId, password_hash: passwordHash, must_change_password: true })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(actor), {
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          details: {
            username: input.username.toLowerCase(),
            role: input.role,
            unitId: input.unitId,
            before: null,
            after: accountState(input),
            readsCitizenData: readsCitizenData(input.role),
          },
        })
        return row.id
      })
      return getInScope(actor, id)
    },

    /** Name, role or unit of an account: the rules hold for the account as it is and as it will be. */
    async update(actor: AuthUser, userId: string, changes: UserChanges) {
      const manager = await managerOf(actor)
      const target = await getInScope(actor, userId)
      const role = changes.role ?? roleOf(target)
      const unit = await unitInScope(manager, changes.unitId ?? target.unit_id)
      const refusal = changeRefusal(manager, { userId: target.id, role: roleOf(target), unitId: target.unit_id }, { role, unitId: unit.id, unitLevel: unit.level })
      if (refusal) throw refusalError(refusal)
      const fullName = changes.fullName ?? target.full_name
      if (role === target.role && unit.id === target.unit_id && fullName === target.full_name) return target
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ role, unit_id: unit.id, full_name: fullName, updated_at: new Date() }).where('id', '=', userId).execute()
        await recordAudit(trx, actorOf(actor), {
          action: 'user.update',
          entityType: 'user',
          entityId: userId,
          details: {
            username: target.username,
            before: accountState({ role: target.role, unitId: target.unit_id }),
            after: accountState({ role, unitId: unit.id }),
            ...(fullName !== target.full_name ? { fullName: [target.full_name, fullName] } : {}),
            readsCitizenData: readsCitizenData(role) && !readsCitizenData(roleOf(target)),
          },
        })
      })
      return getInScope(actor, userId)
    },

    /**
     * A temporary password given by a manager of the account (same rules as a change of it): the
     * account must change it at its next login, and its open sessions end. Never stored in the audit row.
     */
    async resetPassword(actor: AuthUser, userId: string, password: string) {
      const target = await getInScope(actor, userId)
      const refusal = manageRefusal(await managerOf(actor), { userId: target.id, role: roleOf(target), unitId: target.unit_id })
      if (refusal) throw refusalError(refusal)
      passwords.check(password, { username: target.username, fullName: target.full_name, unitName: target.unit_name }, 'password')
      const passwordHash = await hashPassword(password)
      await db.transaction().execute(async (trx) => {
        // A lock left by wrong passwords (the forgotten one) ends with the reset; an administrator's lock stays.
        await trx.updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: true, failed_login_count: 0, locked_until: null, lock_count: 0, updated_at: new Date() })
          .where('id', '=', userId).execute()
        await endSessionsOf(trx, userId)
        await recordAudit(trx, actorOf(actor), {
          action: 'user.password_reset',
          entityType: 'user',
          entityId: userId,
          details: { username: target.username, before: accountState({ role: target.role, unitId: target.unit_id }), after: accountState({ role: target.role, unitId: target.unit_id }) },
        })
      })
      return getInScope(actor, userId)
    },

    /**
     * Recent account changes (user.* audit rows) for accounts or by managers within the actor's scope:
     * what the province's officers read to see who was given which role where, the administrator's included.
     */
    async changes(actor: AuthUser, limit = 200): Promise<UserChange[]> {
      const scope = [...(await units.scopeOf(actor.unitId))]
      const rows = await db
        .selectFrom('audit_events as a')
        .leftJoin('users as account', (join) => join.on(sql`account.id::text`, '=', sql.ref('a.entity_id')))
        .leftJoin('users as actor', 'actor.id', 'a.user_id')
        .select(['a.id', 'a.occurred_at', 'a.action', 'a.details', 'a.user_id',
          'actor.username as actor_username', 'actor.full_name as actor_full_name', 'actor.role as actor_role',
          'account.id as account_id', 'account.username as account_username', 'account.full_name as account_full_name', 'account.role as account_role'])
        .where('a.entity_type', '=', 'user')
        .where('a.action', 'like', 'user.%')
        .where((eb) => eb.or([eb('account.unit_id', 'in', scope), eb('a.unit_id', 'in', scope)]))
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute()
      const parsed = rows.map((row) => ({ row, details: UserChangeDetails.safeParse(row.details).data ?? {} }))
      const unitIds = new Set<string>()
      for (const { details } of parsed) {
        for (const state of [details.before, details.after, details.role && details.unitId ? { role: details.role, unitId: details.unitId } : null]) {
          if (state) unitIds.add(state.unitId)
        }
      }
      const unitNames = new Map(unitIds.size === 0 ? [] : (await db.selectFrom('administrative_units').select(['id', 'name']).where('id', 'in', [...unitIds]).execute()).map((u) => [u.id, u.name]))
      const present = (state: { role: string; unitId: string } | null | undefined) =>
        state ? { role: state.role, roleLabel: isRole(state.role) ? ROLES[state.role].label : state.role, unitId: state.unitId, unitName: unitNames.get(state.unitId) ?? null } : null
      return parsed.map(({ row, details }) => {
        const after = present(details.after !== undefined ? details.after : details.role && details.unitId ? { role: details.role, unitId: details.unitId } : null)
        const before = present(details.before)
        return {
          id: Number(row.id),
          occurredAt: row.occurred_at,
          action: row.action,
          actionLabel: ACTION_LABELS[row.action] ?? row.action,
          actor: row.user_id && row.actor_username && row.actor_full_name && row.actor_role
            ? { id: row.user_id, username: row.actor_username, fullName: row.actor_full_name, role: row.actor_role }
            : null,
          account: row.account_id && row.account_username && row.account_full_name ? { id: row.account_id, username: row.account_username, fullName: row.account_full_name } : null,
          before,
          after,
          reason: details.reason ?? null,
          // A reset hands whoever typed the temporary password an account's access until its owner changes it.
          readsCitizenData: row.action === 'user.password_reset'
            ? row.account_role !== null && isRole(row.account_role) && readsCitizenData(row.account_role)
            : after !== null && isRole(after.role) && readsCitizenData(after.role) && !(before && isRole(before.role) && readsCitizenData(before.role)),
        }
      })
    },
  }
}
export type UsersService = ReturnType<typeof createUsersService>
