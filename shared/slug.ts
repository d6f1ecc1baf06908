// Identifiers made from names, for things the clerk names but never needs to see the id of
// (an e-mail account, a layout, a routine): "Boleto Bancário" → "boleto-bancario".

/** The identifier suggested for a name: "Boleto Bancário" → "boleto-bancario". */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** slugOf(name), or `fallback` for a name without letters, with -2, -3… when that one is taken. */
export function uniqueSlug(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugOf(name) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
