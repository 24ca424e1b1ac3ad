import { Alert, Typography } from 'antd'
import { HIGHLIGHT_KINDS, type FieldHighlight } from '../highlights'

interface Props {
  /** Highlighted fields in the screen's order. */
  fields: ReadonlyArray<{ key: string; label: string; highlights: readonly FieldHighlight[] }>
  onFocus: (key: string) => void
}

/** The fields that need a closer look against the page, in page order (F8 goes through them). */
export function AttentionSummary({ fields, onFocus }: Props) {
  if (fields.length === 0) {
    return <Alert type="success" showIcon style={{ marginBottom: 8 }} data-testid="attention-summary" title="Không có ô nào cần chú ý: đối chiếu với ảnh rồi bấm Ctrl+Enter." />
  }
  const hasError = fields.some((f) => f.highlights.some((h) => h.kind === 'error'))
  return (
    <Alert
      type={hasError ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="attention-summary"
      title={`${fields.length} ô cần chú ý (F8: đến ô tiếp theo)`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 140, overflowY: 'auto' }}>
          {fields.map((f) => (
            <li key={f.key}>
              <Typography.Link tabIndex={-1} onClick={() => onFocus(f.key)}>
                {f.label}
              </Typography.Link>
              : {f.highlights.map((h) => `${HIGHLIGHT_KINDS[h.kind]} (${h.message})`).join('; ')}
            </li>
          ))}
        </ul>
      }
    />
  )
}
