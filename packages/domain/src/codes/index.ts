export { CODE_LISTS } from './code-lists'
export { ETHNIC_GROUPS } from './ethnic-groups'
export { NATIONALITIES } from './nationalities'
export { codeLabel, findCodeCollisions, resolveCode } from './resolve'
