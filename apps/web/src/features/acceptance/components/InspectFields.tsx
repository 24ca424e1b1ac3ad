import { codeLabel, keyingLayout, type BookTypeCode, type FieldDef } from '@hts/domain'
import { Button, Card, Input, Tag, Typography } from 'antd'
import { memo, useMemo, useState, type KeyboardEvent } from 'react'
import { CodeSelect } from '../../entries/components/CodeSelect'
import type { Marks } from '../marks'

const toggleId = (key: string) => `field-${key}`
export const correctId = (key: string) => `correct-${key}`

/** A code as stored, with its label: "1 - Nam" reads better against the page than "1". */
function shown(field: FieldDef, value: string): string {
  if (!value) return '(trống)'
  const label = field.codeList ? codeLabel(field.codeList, value) : undefined
  return label && label !== value ? `${value} - ${label}` : value
}

/** Arrow keys walk the field rows as the eye walks down the page. */
function onRowKeys(e: KeyboardEvent<HTMLButtonElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
  const rows = [...document.querySelectorAll<HTMLButtonElement>('[data-inspect-toggle]')]
  const next = rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)]
  if (!next) return
  e.preventDefault()
  next.focus()
}

interface RowProps {
  field: FieldDef
  stored: string
  /** The right value typed, when the field is marked wrong. */
  correct: string | undefined
  /** What the inspector recorded, on a lot already decided (the register may have changed since). */
  recorded: { found: string; correct: string } | undefined
  sameAsStored: boolean
  readOnly: boolean
  onToggle: (key: string) => void
  onCorrect: (key: string, value: string) => void
}

const FieldRow = memo(function FieldRow({ field, stored, correct, recorded, sameAsStored, readOnly, onToggle, onCorrect }: RowProps) {
  const marked = readOnly ? recorded !== undefined : correct !== undefined
  const unmark = (e: KeyboardEvent) => {
    // Esc in an open code list only closes the list.
    if (e.key !== 'Escape' || (e.target instanceof HTMLElement && e.target.getAttribute('aria-expanded') === 'true')) return
    e.preventDefault()
    onToggle(field.key)
    document.getElementById(toggleId(field.key))?.focus()
  }
  return (
    <div data-testid="inspect-field" data-field={field.key} data-marked={marked || undefined} style={{ marginBottom: 6 }}>
      <button
        type="button"
        id={toggleId(field.key)}
        data-inspect-toggle
        aria-pressed={marked}
        disabled={readOnly}
        title={readOnly ? undefined : marked ? 'Bấm (hoặc Enter) để bỏ đánh dấu' : 'Bấm (hoặc Enter) để đánh dấu ô này sai'}
        onClick={() => onToggle(field.key)}
        onKeyDown={onRowKeys}
        style={{
          display: 'flex', width: '100%', gap: 8, alignItems: 'baseline', textAlign: 'left', padding: '4px 8px', cursor: readOnly ? 'default' : 'pointer',
          border: `1px solid ${marked ? '#ff4d4f' : '#d9d9d9'}`, borderRadius: 4, background: marked ? '#fff1f0' : '#fff', color: 'inherit', font: 'inherit',
        }}
      >
        <span style={{ flex: '0 0 40%', color: '#595959' }}>{field.label}</span>
        <span style={{ flex: 1, fontWeight: 500, textDecoration: marked ? 'line-through' : undefined }} data-testid="stored-value">
          {shown(field, readOnly && recorded ? recorded.found : stored)}
        </span>
        {marked && <Tag color="red">Sai</Tag>}
      </button>
      {marked && readOnly && recorded && (
        <Typography.Text type="danger" style={{ paddingInlineStart: 8 }}>Đúng là: {shown(field, recorded.correct)}</Typography.Text>
      )}
      {marked && !readOnly && (
        <div style={{ padding: '4px 0 0 8px' }} onKeyDown={unmark}>
          <label htmlFor={correctId(field.key)} style={{ display: 'block', fontSize: 12, color: '#595959' }}>Giá trị đúng theo trang sổ (Esc: bỏ đánh dấu)</label>
          {field.codeList ? (
            <CodeSelect id={correctId(field.key)} list={field.codeList} value={correct ?? ''} onChange={(v) => onCorrect(field.key, v)} status={sameAsStored ? 'error' : undefined} />
          ) : (
            <Input id={correctId(field.key)} value={correct} onChange={(e) => onCorrect(field.key, e.target.value)} status={sameAsStored ? 'error' : undefined} autoComplete="off" aria-invalid={sameAsStored || undefined} />
          )}
          {sameAsStored && <Typography.Text type="danger" style={{ fontSize: 12 }}>Giá trị đúng trùng với giá trị đã nhập: sửa lại, hoặc bỏ đánh dấu ô này.</Typography.Text>}
        </div>
      )}
    </div>
  )
})

interface Props {
  bookType: BookTypeCode
  stored: Readonly<Record<string, string>>
  marks: Marks
  recorded: ReadonlyMap<string, { found: string; correct: string }>
  sameAsStored: ReadonlySet<string>
  readOnly: boolean
  onToggle: (key: string) => void
  onCorrect: (key: string, value: string) => void
}

/**
 * The entry's fields in the order of the book's page (the workbench's layout from the catalog). Each
 * row is a button: clicking it (or Enter) marks the field wrong and opens the box for the right value.
 */
export function InspectFields({ bookType, stored, marks, recorded, sameAsStored, readOnly, onToggle, onCorrect }: Props) {
  const layout = useMemo(() => keyingLayout(bookType), [bookType])
  const [allMore, setAllMore] = useState(false)
  // The rarely used fields show when they hold something or are marked; a missed value can still be marked.
  const more = layout.more.filter((f) => allMore || stored[f.key] || marks[f.key] !== undefined || recorded.has(f.key))
  const hidden = layout.more.length - more.length
  const sections = more.length > 0 ? [...layout.sections, { title: 'Các ô khác', fields: more }] : layout.sections
  return (
    <div data-testid="inspect-fields">
      {sections.map((section) => (
        <Card key={section.title} size="small" title={section.title} style={{ marginBottom: 8 }}>
          {section.fields.map((field) => (
            <FieldRow
              key={field.key}
              field={field}
              stored={stored[field.key] ?? ''}
              correct={marks[field.key]}
              recorded={recorded.get(field.key)}
              sameAsStored={sameAsStored.has(field.key)}
              readOnly={readOnly}
              onToggle={onToggle}
              onCorrect={onCorrect}
            />
          ))}
        </Card>
      ))}
      {hidden > 0 && !readOnly && (
        <Button type="link" onClick={() => setAllMore(true)}>
          Hiện {hidden} ô trống khác (khi trang sổ có ghi mà chưa nhập)
        </Button>
      )}
    </div>
  )
}
