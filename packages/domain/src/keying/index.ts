export * from './carry-forward'
export * from './illegible'
