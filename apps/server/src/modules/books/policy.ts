/** A book belongs to the unit that keeps it today; a user sees the books kept by units in their scope. */
export function isBookInScope(scope: ReadonlySet<string>, book: { custodian_unit_id: string }): boolean {
  return scope.has(book.custodian_unit_id)
}
