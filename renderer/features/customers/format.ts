// CPF/CNPJ as people write them: 123.456.789-09, 12.345.678/0001-95.
export function formatTaxDocument(document: string | null | undefined): string {
  const raw = (document ?? '').trim();
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 11) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (digits.length === 14) return digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  return raw;
}
