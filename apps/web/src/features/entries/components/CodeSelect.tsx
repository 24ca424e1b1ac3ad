import { CODE_LISTS, foldKey, resolveCode, storedCodeValue, type CodeListKey } from '@hts/domain'
import { Select } from 'antd'
import { useMemo } from 'react'

interface CodeOption {
  value: string
  label: string
  code: string
  foldedLabel: string
  /** Folded code, label and aliases: what the search box matches against. */
  search: string
}

function optionsOf(list: CodeListKey): CodeOption[] {
  return (CODE_LISTS[list] ?? []).map((item) => ({
    value: storedCodeValue(list, item),
    label: `${item.code} - ${item.label}`,
    code: item.code,
    foldedLabel: foldKey(item.label),
    search: foldKey([item.code, item.label, ...(item.aliases ?? [])].join(' | ')),
  }))
}

/** Exact code first ("1" → "1 - Đúng hạn"), then labels that start with the search, then list order. */
function rank(option: CodeOption, folded: string): number {
  if (foldKey(option.code) === folded) return 0
  if (option.foldedLabel.startsWith(folded)) return 1
  return 2
}

interface Props {
  id: string
  list: CodeListKey
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  status?: 'error' | 'warning'
  disabled?: boolean
  required?: boolean
  describedBy?: string
  autoFocus?: boolean
}

export function CodeSelect({ id, list, value, onChange, onBlur, status, disabled, required, describedBy, autoFocus }: Props) {
  const options = useMemo(() => {
    const known = optionsOf(list)
    // Text kept from an import or an old book ("HMông", "KINH") is shown as written, never dropped.
    if (value && !known.some((o) => o.value === value)) {
      const item = resolveCode(list, value)
      const label = item ? `${value} (= ${item.code} - ${item.label})` : `${value} (chưa có trong danh mục)`
      known.unshift({ value, label, code: value, foldedLabel: foldKey(value), search: foldKey(value) })
    }
    return known
  }, [list, value])

  return (
    <Select<string, CodeOption>
      id={id}
      value={value === '' ? undefined : value}
      onChange={(v) => onChange(v ?? '')}
      // Picking the item already shown (the OCR's proposal, "1" typed over "1 - Nam") changes nothing, but it
      // is a pick all the same: reported, so that the workbench moves on from it as from any pick.
      onSelect={(v) => v === value && onChange(v)}
      // Backspace or Delete with nothing typed in the box empties the field, as in any other box (the
      // list alone ignores them: an OCR proposal for a field the book leaves blank could not be removed).
      onInputKeyDown={(e) => {
        if ((e.key === 'Backspace' || e.key === 'Delete') && e.currentTarget.value === '' && value !== '') {
          e.preventDefault()
          onChange('')
        }
      }}
      onBlur={onBlur}
      options={options}
      allowClear
      disabled={disabled}
      status={status}
      autoFocus={autoFocus}
      placeholder="Gõ mã hoặc tên để tìm"
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      aria-required={required}
      aria-describedby={describedBy}
      showSearch={{
        filterOption: (input, option) => (option ? option.search.includes(foldKey(input)) : false),
        filterSort: (a, b, { searchValue }) => {
          const folded = foldKey(searchValue)
          return folded ? rank(a, folded) - rank(b, folded) : 0
        },
      }}
      notFoundContent="Không có mục phù hợp"
    />
  )
}
