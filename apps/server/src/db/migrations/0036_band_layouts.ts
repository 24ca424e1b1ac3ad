import { sql, type Kysely } from 'kysely'

/**
 * Row bands of handwritten books (issue 16 part 1): one layout per book, marked once on the first
 * page (first band, band height, bands per page, the columns and the field each holds), and the
 * pages' own corrections (a page scanned a little higher or lower). Both jsonb, parsed with the
 * domain's schemas where read; `version` guards the layout against two people marking at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table book_band_layouts (
    book_id uuid primary key references books (id),
    layout jsonb not null,
    page_corrections jsonb not null default '[]'::jsonb,
    version integer not null default 1,
    updated_by uuid references users (id),
    updated_at timestamptz not null default now()
  )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists book_band_layouts`.execute(db)
}
