export * from './carry-forward'
export * from './illegible'
export * from './layout'
export * from './double-keying'
