// Brazilian validators, formatters and builders: pure, no node:*, bundled into the renderer too.
export * from './checked';
export * from './tax-id';
export * from './phone';
export * from './check-digits';
export * from './due-factor';
export * from './bank-slip';
export * from './collection-slip';
export * from './digitable-line';
export * from './pix';
export * from './address';
export * from './banks';
