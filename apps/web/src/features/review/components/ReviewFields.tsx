import { keyingLayout, type BookTypeCode, type EntryFields, type FieldDef } from '@hts/domain'
import { Card, Col, Row, Tag, Tooltip } from 'antd'
import { memo, useMemo } from 'react'
import { FieldInput } from '../../entries/components/FieldInput'
import type { FieldMessage } from '../../entries/issues'
import { HIGHLIGHT_KINDS, type FieldHighlight, type HighlightKind } from '../highlights'

// Rule findings already show under the field (FieldInput); the other reasons get a tag with a tooltip.
const TAG_COLORS: Partial<Record<HighlightKind, string>> = { illegible: 'orange', imported: 'blue', population: 'magenta' }
const BORDER: Record<HighlightKind, string> = { error: '#ff4d4f', warning: '#faad14', illegible: '#fa8c16', imported: '#1677ff', population: '#c41d7f' }

interface FieldProps {
  field: FieldDef
  value: string
  messages: readonly FieldMessage[]
  highlights: readonly FieldHighlight[] | undefined
  readOnly: boolean
  onChange: (key: string, value: string) => void
  onBlur: (field: FieldDef) => void
}

const ReviewedField = memo(function ReviewedField({ field, value, messages, highlights, readOnly, onChange, onBlur }: FieldProps) {
  const first = highlights?.[0]
  const tagged = (highlights ?? []).filter((h) => TAG_COLORS[h.kind])
  return (
    <div
      data-testid="review-field"
      data-field={field.key}
      data-highlight={highlights?.map((h) => h.kind).join(' ') || undefined}
      style={first ? { borderInlineStart: `3px solid ${BORDER[first.kind]}`, paddingInlineStart: 8, background: '#fffbf0', borderRadius: 4 } : { paddingInlineStart: 11 }}
    >
      {tagged.length > 0 && (
        <div style={{ marginBottom: 2 }}>
          {tagged.map((h) => (
            <Tooltip key={`${h.kind}|${h.message}`} title={h.message}>
              <Tag color={TAG_COLORS[h.kind]} data-testid={`highlight-${h.kind}`} tabIndex={-1}>
                {HIGHLIGHT_KINDS[h.kind]}
              </Tag>
            </Tooltip>
          ))}
        </div>
      )}
      <FieldInput field={field} value={value} messages={messages} onChange={onChange} onBlur={onBlur} readOnly={readOnly} />
    </div>
  )
})

interface Props {
  bookType: BookTypeCode
  fields: EntryFields
  messages: ReadonlyMap<string, FieldMessage[]>
  highlights: ReadonlyMap<string, FieldHighlight[]>
  readOnly: boolean
  onChange: (key: string, value: string) => void
  onBlur: (field: FieldDef) => void
}

const NO_MESSAGES: FieldMessage[] = []

/** The section of the fields the book's page layout leaves out. */
export const MORE_TITLE = 'Các ô khác'

/**
 * The entry's fields in the order of the book's page (the workbench's layout from the catalog), each
 * editable in place for a correction. The rarely used ones show only when the entry has them.
 */
export function ReviewFields({ bookType, fields, messages, highlights, readOnly, onChange, onBlur }: Props) {
  const layout = useMemo(() => keyingLayout(bookType), [bookType])
  const more = layout.more.filter((f) => fields[f.key] || highlights.has(f.key))
  const sections = more.length > 0 ? [...layout.sections, { title: MORE_TITLE, fields: more }] : layout.sections
  return (
    <div data-testid="review-fields">
      {sections.map((section) => (
        <Card key={section.title} size="small" title={section.title} style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
          <Row gutter={12}>
            {section.fields.map((field) => (
              <Col key={field.key} xs={24} xxl={12}>
                <ReviewedField
                  field={field}
                  value={fields[field.key] ?? ''}
                  messages={messages.get(field.key) ?? NO_MESSAGES}
                  highlights={highlights.get(field.key)}
                  readOnly={readOnly}
                  onChange={onChange}
                  onBlur={onBlur}
                />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </div>
  )
}
