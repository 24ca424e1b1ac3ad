import { Input } from 'antd'
import { useEffect, useState } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { SEARCH_PATH } from '../api'

/** The search box of the header: a name however it is typed, Enter opens the search page. */
export function HeaderSearch() {
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const onSearchPage = location.pathname === SEARCH_PATH
  const [value, setValue] = useState(onSearchPage ? (params.get('q') ?? '') : '')
  // On the search page the box shows the name searched (a link or Back changes it).
  useEffect(() => {
    if (onSearchPage) setValue(params.get('q') ?? '')
  }, [onSearchPage, params])

  return (
    <Input.Search
      aria-label="Tìm trong sổ hộ tịch"
      placeholder="Tìm họ tên (có dấu hoặc không)…"
      allowClear
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(text) => {
        const q = text.trim()
        if (q) navigate(`${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`)
      }}
      style={{ maxWidth: 420 }}
      data-testid="header-search"
    />
  )
}
