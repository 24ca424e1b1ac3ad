/** Excel/CSV in and out in the MOJ format: header matching, cell values, package file names. */
export * from './headers'
export * from './values'
export * from './file-names'
export * from './volumes'
export * from './moj-sheet'
export * from './cell-text'
