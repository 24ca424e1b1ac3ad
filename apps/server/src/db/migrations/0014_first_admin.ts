import { sql, type Kysely } from 'kysely'

/**
 * A forced password change (issue 14): the first administrator of a production start gets a
 * one-time password printed once, and must choose their own at first login. Number 0013 belongs
 * to another change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table users add column must_change_password boolean not null default false').execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table users drop column if exists must_change_password').execute(db)
}
