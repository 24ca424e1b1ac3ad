import { sql, type Kysely } from 'kysely'

/**
 * OCR pre-fill of printed and typed pages (issue 16).
 * - `page_ocr`: what the engine read on a page, anchored to the catalog's fields (the proposals), one
 *   row per page: a page read again replaces its row. Written by the ocr module's job.
 * - `book_ocr_settings`: a book's OCR turned on or off by hand; without a row the default holds (on for
 *   a type with a printed layout whose book starts in 2006 or later). Written by the ocr module.
 * - `entry_ocr_fields`: for each saved entry, the fields that came from a proposal the keyer passed
 *   over, what was proposed and whether the saved value differs: the OCR's measured accuracy. Written
 *   by the entries module in the save's transaction.
 */
const statements = [
  `create table page_ocr (
    page_id uuid primary key references book_pages (id) on delete cascade,
    book_id uuid not null references books (id) on delete cascade,
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    status text not null check (status in ('pending', 'done', 'failed')),
    engine text,
    image_sha256 text,
    ms integer,
    confidence real,
    entries jsonb not null default '[]',
    error text,
    job_id uuid references jobs (id) on delete set null,
    read_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
  'create index page_ocr_book on page_ocr (book_id, status)',
  `create table book_ocr_settings (
    book_id uuid primary key references books (id) on delete cascade,
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    enabled boolean not null,
    version integer not null default 1,
    updated_by uuid references users (id),
    updated_at timestamptz not null default now()
  )`,
  `create table entry_ocr_fields (
    entry_id uuid not null references entries (id) on delete cascade,
    field_key text not null,
    book_id uuid not null references books (id) on delete cascade,
    proposed text not null,
    confidence real not null,
    changed boolean not null,
    recorded_by uuid references users (id),
    recorded_at timestamptz not null default now(),
    primary key (entry_id, field_key)
  )`,
  'create index entry_ocr_fields_book on entry_ocr_fields (book_id)',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['entry_ocr_fields', 'book_ocr_settings', 'page_ocr']) await sql.raw(`drop table if exists ${table}`).execute(db)
}
