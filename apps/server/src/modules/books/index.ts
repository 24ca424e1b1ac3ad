/** The books module's public surface: other modules import only from here (lint enforces it). */
export { createBooksService, type BooksService } from './service'
export { BOOK_REFERENCES, createBookIfAbsent, deleteBookIfEmpty, type BookDeletion, type BookReference, type MissingBook } from './commands'
export { isBookInScope } from './policy'
export type { BookRow } from './repository'
export { findBookById } from './repository'
