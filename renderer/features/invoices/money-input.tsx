// Money typed as people write it (R$ 1.234,56) and kept in integer cents, as main stores it.
import { NumberInput, type NumberInputProps } from '@mantine/core';

/** The input hands a number, or a string while typing ("150,", "150.00" with trailing zeros). */
function toCents(value: number | string): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : value.includes(',')
        ? Number(
            value
              .replace(/^R\$\s*/, '')
              .replace(/\./g, '')
              .replace(',', '.'),
          )
        : Number(value.replace(/^R\$\s*/, ''));
  return value === '' || Number.isNaN(n) ? undefined : Math.round(n * 100);
}

export function MoneyInput({
  cents,
  onCents,
  ...props
}: Omit<NumberInputProps, 'value' | 'onChange'> & {
  cents: number | undefined;
  onCents: (cents: number | undefined) => void;
}) {
  return (
    <NumberInput
      prefix="R$ "
      decimalSeparator=","
      thousandSeparator="."
      decimalScale={2}
      fixedDecimalScale
      min={0}
      hideControls
      value={cents === undefined || Number.isNaN(cents) ? '' : cents / 100}
      onChange={(v) => onCents(toCents(v))}
      {...props}
    />
  );
}
