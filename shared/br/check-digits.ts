// The FEBRABAN check-digit rules behind boletos and collection slips. No library exports them
// (@brazilian-utils keeps its own private), and building a linha digitável needs them.

/** Módulo 10 (weights 2,1,2,… from the right; a two-digit product adds its digits). */
export function mod10(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
    const product = (digits.charCodeAt(i) - 48) * weight;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Σ digit × weight, weights 2..9 from the right, restarting at 2. */
function mod11Sum(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = weight === 9 ? 2 : weight + 1)
    sum += (digits.charCodeAt(i) - 48) * weight;
  return sum;
}

/** General check digit of a bank boleto's barcode: 11 − rest, and 0, 10 or 11 become 1. */
export function mod11Boleto(digits: string): number {
  const dv = 11 - (mod11Sum(digits) % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

/** Módulo 11 of a collection slip (arrecadação): 11 − rest, and 10 or 11 become 0. */
export function mod11Collection(digits: string): number {
  const dv = 11 - (mod11Sum(digits) % 11);
  return dv >= 10 ? 0 : dv;
}
