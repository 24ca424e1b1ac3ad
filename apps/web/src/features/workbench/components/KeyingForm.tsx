import type { EntryFields, FieldDef } from '@hts/domain'
import { Card, Col, Row, Typography } from 'antd'
import { memo, useCallback, useEffect, useMemo, useRef, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react'
import { FieldInput } from '../../entries/components/FieldInput'
import type { FieldMessage } from '../../entries/issues'
import { useFieldValues } from '../api'
import { suggestsValues, type KeyingLayout } from '../layouts'
import { OcrField } from '../ocr/OcrField'
import type { OcrFieldView } from '../ocr/proposals'

/** Puts the cursor in a field and selects its text, so that typing replaces a carried-forward value. */
export function focusField(key: string): boolean {
  const el = document.getElementById(key)
  if (!(el instanceof HTMLElement)) return false
  el.focus()
  if (el instanceof HTMLInputElement && (el.getAttribute('role') !== 'combobox' || el.hasAttribute('data-suggest-input'))) el.select()
  el.scrollIntoView({ block: 'nearest' })
  return true
}

/**
 * A code list whose Enter picks its highlighted item. Not a suggestion box: there Enter keeps what
 * the box shows (the typed text, or the suggestion ↓/↑ chose) and moves on like in any field.
 */
const isOpenSelect = (el: HTMLElement) =>
  el.getAttribute('role') === 'combobox' && !el.hasAttribute('data-suggest-input') && el.getAttribute('aria-expanded') === 'true'

interface FieldProps {
  bookId: string
  field: FieldDef
  value: string
  messages: readonly FieldMessage[]
  illegible: boolean
  nameSuggestion: string | null
  extraValues: readonly string[] | undefined
  onChange: (key: string, value: string) => void
  onBlur: (field: FieldDef) => void
}

const KeyedField = memo(function KeyedField({ bookId, field, value, messages, illegible, nameSuggestion, extraValues, onChange, onBlur }: FieldProps) {
  const wanted = suggestsValues(field)
  const values = useFieldValues(bookId, field.key, wanted)
  const suggestions = useMemo(() => {
    if (!wanted) return undefined
    // Values saved in this session first: the server's list is fetched once.
    return [...new Set([...(extraValues ?? []), ...(values.data ?? [])])]
  }, [wanted, extraValues, values.data])
  return (
    <FieldInput
      field={field}
      value={value}
      messages={messages}
      onChange={onChange}
      onBlur={onBlur}
      nameSuggestion={nameSuggestion}
      onAcceptSuggestion={onChange}
      illegible={illegible}
      suggestions={suggestions}
    />
  )
})

interface Props {
  bookId: string
  layout: KeyingLayout
  showMore: boolean
  fields: EntryFields
  illegible: readonly string[]
  messages: ReadonlyMap<string, FieldMessage[]>
  nameSuggestions: Readonly<Record<string, string>>
  sessionValues: ReadonlyMap<string, string[]>
  onChange: (key: string, value: string) => void
  onBlur: (field: FieldDef) => void
  /** OCR state of the fields (issue 16), and the focus events that pass over a proposal. */
  ocr?: ReadonlyMap<string, OcrFieldView>
  onFieldFocus?: (e: FocusEvent<HTMLElement>) => void
  onFieldLeave?: (e: FocusEvent<HTMLElement>) => void
  /** Shown under a field: where it is written on the page (row bands, bands/FieldCrop.tsx). */
  beside?: ((key: string) => ReactNode) | undefined
}

const NO_MESSAGES: FieldMessage[] = []

/**
 * The entry's fields in the order the book's page shows them. Enter goes to the next field
 * (Shift+Enter back) like Tab; in a list, Enter picks the highlighted item and then goes on.
 */
export function KeyingForm(props: Props) {
  const { bookId, layout, showMore, fields, illegible, messages, nameSuggestions, sessionValues, onChange, onBlur } = props
  const order = useMemo(
    () => [...layout.sections.flatMap((s) => s.fields), ...(showMore ? layout.more : [])].map((f) => f.key),
    [layout, showMore],
  )
  const advanceAfterPick = useRef<string | null>(null)
  // Picked with Enter: move on when the key is released, so that the list sees its own keyup
  // (antd locks Enter until then and would ignore the next Enter in that list).
  const picked = useRef<string | null>(null)
  // The handlers below stay the same object across renders, so a keystroke re-renders one field only.
  const latest = useRef({ order, onChange })
  useEffect(() => {
    latest.current = { order, onChange }
  })

  const move = useCallback((from: string, step: 1 | -1) => {
    const keys = latest.current.order
    const i = keys.indexOf(from)
    const next = keys[i + step]
    if (i >= 0 && next) focusField(next)
  }, [])

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement
    const key = target.id
    if (e.key !== 'Enter') {
      if (e.key !== 'Shift') advanceAfterPick.current = null
      return
    }
    if (e.ctrlKey || e.altKey || e.metaKey || !order.includes(key)) return
    if (isOpenSelect(target)) {
      // The list picks the highlighted item; the change handler then moves on.
      advanceAfterPick.current = key
      return
    }
    e.preventDefault()
    e.stopPropagation()
    move(key, e.shiftKey ? -1 : 1)
  }

  const handleChange = useCallback(
    (key: string, value: string) => {
      latest.current.onChange(key, value)
      if (advanceAfterPick.current === key && value !== '') {
        advanceAfterPick.current = null
        picked.current = key
      }
    },
    [],
  )

  const onKeyUpCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = picked.current
    if (e.key !== 'Enter' || !key) return
    picked.current = null
    move(key, 1)
  }

  const renderFields = (list: readonly FieldDef[]) => (
    <Row gutter={12}>
      {list.map((field) => (
        <Col key={field.key} xs={24} xxl={12}>
          <OcrField view={props.ocr?.get(field.key)}>
            <KeyedField
              bookId={bookId}
              field={field}
              value={fields[field.key] ?? ''}
              messages={messages.get(field.key) ?? NO_MESSAGES}
              illegible={illegible.includes(field.key)}
              nameSuggestion={nameSuggestions[field.key] ?? null}
              extraValues={sessionValues.get(field.key)}
              onChange={handleChange}
              onBlur={onBlur}
            />
          </OcrField>
          {props.beside?.(field.key)}
        </Col>
      ))}
    </Row>
  )

  return (
    <div onKeyDownCapture={onKeyDownCapture} onKeyUpCapture={onKeyUpCapture} onFocusCapture={props.onFieldFocus} onBlurCapture={props.onFieldLeave} data-testid="keying-form">
      {layout.sections.map((section) => (
        <Card key={section.title} size="small" title={section.title} style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
          {renderFields(section.fields)}
        </Card>
      ))}
      {layout.more.length > 0 &&
        (showMore ? (
          <Card size="small" title="Các ô khác (Alt+M để ẩn)" style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
            {renderFields(layout.more)}
          </Card>
        ) : (
          <Typography.Text type="secondary">Còn {layout.more.length} ô ít gặp (tuyên bố mất tích, quốc tịch khác, đăng ký ở nước ngoài…): Alt+M để hiện.</Typography.Text>
        ))}
    </div>
  )
}
