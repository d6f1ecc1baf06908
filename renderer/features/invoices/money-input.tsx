// Money typed as people write it (R$ 1.234,56) and kept in integer cents, as main stores it.
import { NumberInput, type NumberInputProps } from '@mantine/core';

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
      onChange={(v) => onCents(typeof v === 'number' ? Math.round(v * 100) : undefined)}
      {...props}
    />
  );
}
