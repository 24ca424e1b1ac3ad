import type { FieldDef } from '@hts/domain'
import { Input, Tag, Typography, theme } from 'antd'
import type { ReactNode } from 'react'
import type { FieldMessage } from '../issues'
import { CodeSelect } from './CodeSelect'
import { SuggestInput } from './SuggestInput'

interface Props {
  field: FieldDef
  value: string
  messages: readonly FieldMessage[]
  onChange: (key: string, value: string) => void
  onBlur: (field: FieldDef) => void
  /** Canonical form offered for a name typed all in capitals; null when there is nothing to offer. */
  nameSuggestion?: string | null
  onAcceptSuggestion?: (key: string, value: string) => void
  readOnly?: boolean
  autoFocus?: boolean
  /** Marked illegible (khó đọc) by the keyer: the value is kept as far as it could be read. */
  illegible?: boolean
  /** Values to complete a place or text field with (keying workbench). */
  suggestions?: readonly string[]
}

const PLACEHOLDERS: Partial<Record<FieldDef['kind'], string>> = {
  partialDate: 'dd.mm.yyyy, mm.yyyy hoặc yyyy',
  personalId: '12 chữ số',
}

export function FieldInput({ field, value, messages, onChange, onBlur, nameSuggestion, onAcceptSuggestion, readOnly, autoFocus, illegible, suggestions }: Props) {
  const { token } = theme.useToken()
  const { key, label, kind, required } = field
  const hasError = messages.some((m) => m.severity === 'error')
  const status: 'error' | 'warning' | undefined = hasError ? 'error' : messages.length > 0 ? 'warning' : undefined
  const describedBy = messages.length > 0 || nameSuggestion ? `${key}-help` : undefined

  const common = {
    id: key,
    name: key,
    value,
    status,
    autoComplete: 'off',
    disabled: readOnly,
    autoFocus,
    'aria-required': required || undefined,
    'aria-invalid': hasError || undefined,
    'aria-describedby': describedBy,
    onChange: (e: { target: { value: string } }) => onChange(key, e.target.value),
    onBlur: () => onBlur(field),
  }

  let control: ReactNode
  switch (kind) {
    case 'code':
      control = field.codeList ? (
        <CodeSelect
          id={key}
          list={field.codeList}
          value={value}
          onChange={(v) => onChange(key, v)}
          onBlur={() => onBlur(field)}
          status={status}
          disabled={readOnly}
          required={required}
          describedBy={describedBy}
          autoFocus={autoFocus}
        />
      ) : (
        <Input {...common} />
      )
      break
    case 'integer':
      control = <Input {...common} inputMode="numeric" style={{ maxWidth: 160 }} />
      break
    case 'partialDate':
      control = <Input {...common} placeholder={PLACEHOLDERS.partialDate} style={{ maxWidth: 220 }} />
      break
    case 'personalId':
    case 'idDocumentNumber':
      control = <Input {...common} inputMode="numeric" placeholder={PLACEHOLDERS[kind]} maxLength={20} />
      break
    case 'personName':
    case 'place':
    case 'text':
      control =
        suggestions && kind !== 'personName' ? (
          <SuggestInput
            id={key}
            value={value}
            suggestions={suggestions}
            onChange={(v) => onChange(key, v)}
            onBlur={() => onBlur(field)}
            status={status}
            disabled={readOnly}
            autoFocus={autoFocus}
            aria-required={required || undefined}
            aria-invalid={hasError || undefined}
            aria-describedby={describedBy}
          />
        ) : (
          <Input {...common} />
        )
      break
    default: {
      const unknownKind: never = kind
      control = <Input {...common} aria-label={String(unknownKind)} />
    }
  }

  return (
    <div className="entry-field" data-illegible={illegible || undefined} style={{ marginBottom: 12 }}>
      <label htmlFor={key} style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
        {label}
        {required && (
          <span aria-hidden="true" style={{ color: token.colorError, marginInlineStart: 4 }}>
            *
          </span>
        )}
        {illegible && (
          <Tag color="orange" style={{ marginInlineStart: 8 }}>
            Khó đọc
          </Tag>
        )}
      </label>
      {control}
      {describedBy && (
        <div id={describedBy} style={{ marginTop: 2, fontSize: 13 }}>
          {messages.map((m) => (
            <div key={m.message} style={{ color: m.severity === 'error' ? token.colorError : token.colorWarningText }}>
              {m.message}
            </div>
          ))}
          {nameSuggestion && onAcceptSuggestion && (
            <Typography.Link tabIndex={-1} onClick={() => onAcceptSuggestion(key, nameSuggestion)}>
              Viết hoa chữ đầu: {nameSuggestion}
            </Typography.Link>
          )}
        </div>
      )}
    </div>
  )
}
