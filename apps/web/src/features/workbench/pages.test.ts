import { describe, expect, it } from 'vitest'
import { entryPages, neighbourPage, printedPageNumber, type PageLike } from './pages'

const pages: PageLike[] = [
  { id: 'c', position: 1, kind: 'cover' },
  { id: 'p1', position: 2, kind: 'page' },
  { id: 'b', position: 3, kind: 'blank' },
  { id: 'p2', position: 4, kind: 'page' },
  { id: 'p3', position: 5, kind: 'page' },
]

describe('page helpers', () => {
  it('numbers the book pages without covers and blank scans', () => {
    expect(printedPageNumber(pages, 'p1')).toBe(1)
    expect(printedPageNumber(pages, 'p2')).toBe(2)
    expect(printedPageNumber(pages, 'c')).toBeNull()
  })

  it('steps over blank scans', () => {
    expect(neighbourPage(pages, 'p1', 1)?.id).toBe('p2')
    expect(neighbourPage(pages, 'p2', -1)?.id).toBe('p1')
    expect(neighbourPage(pages, 'p3', 1)).toBeNull()
  })

  it('links an entry that runs over to the next page to both', () => {
    expect(entryPages(pages, 'p1', 'p1')).toEqual(['p1'])
    expect(entryPages(pages, 'p1', 'p2')).toEqual(['p1', 'p2'])
    expect(entryPages(pages, 'p1', 'p3')).toEqual(['p3'])
    expect(entryPages(pages, null, null)).toEqual([])
  })
})
