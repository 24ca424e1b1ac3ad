import { Tag, theme } from 'antd'
import type { ReactNode } from 'react'
import type { OcrFieldView } from './proposals'

const TITLES = {
  proposed: 'Đề xuất đọc từ ảnh (OCR), chưa phải giá trị: Tab hoặc Enter để nhận, gõ để sửa',
  accepted: 'Đã nhận đề xuất OCR',
  changed: 'Đã sửa đề xuất OCR',
} as const

/**
 * A field of the form with its OCR state: a proposal is shaded and tagged "OCR 87%" (flagged
 * harder under 60%), then the tag says whether the keyer accepted or corrected it.
 * `data-ocr` carries the state for the tests and the keying bench.
 *
 * The wrapper is there with or without a proposal, so that a proposal arriving (the page's read
 * answers after the entry opened) never remounts the field: the cursor stays where it is.
 */
export function OcrField({ view, children }: { view: OcrFieldView | undefined; children: ReactNode }) {
  const { token } = theme.useToken()
  const proposed = view?.status === 'proposed'
  const accent = view?.low ? token.colorWarning : token.colorInfo
  // One element tree in every state (the tag's slot is empty without a view): the field keeps its node.
  return (
    <div
      data-ocr={view?.status}
      data-ocr-low={view?.low || undefined}
      title={view ? TITLES[view.status] : undefined}
      style={
        view && {
          position: 'relative',
          borderInlineStart: `3px ${proposed && view.low ? 'dashed' : 'solid'} ${proposed ? accent : view.status === 'accepted' ? token.colorSuccessBorder : token.colorBorder}`,
          paddingInlineStart: 6,
          background: proposed ? (view.low ? token.colorWarningBg : token.colorInfoBg) : undefined,
          fontStyle: proposed ? 'italic' : undefined,
          borderRadius: 2,
        }
      }
    >
      {view && (
        <span style={{ position: 'absolute', insetInlineEnd: 0, top: 0, fontStyle: 'normal' }}>
          {proposed ? (
            <Tag color={view.low ? 'volcano' : 'blue'} data-testid="ocr-tag" style={{ marginInlineEnd: 0 }}>
              OCR {Math.round(view.confidence)}%{view.low ? ' · kiểm tra kỹ' : ''}
            </Tag>
          ) : (
            <Tag color={view.status === 'accepted' ? 'green' : 'default'} data-testid="ocr-tag" style={{ marginInlineEnd: 0 }}>
              {view.status === 'accepted' ? `OCR ${Math.round(view.confidence)}% ✓` : 'OCR đã sửa'}
            </Tag>
          )}
        </span>
      )}
      {children}
    </div>
  )
}
