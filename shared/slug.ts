// Identifiers made from names, for records staff create on the screens (shared with main).
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
