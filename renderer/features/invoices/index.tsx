// PLACEHOLDER: replaced by the invoices screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>invoices</Title>;
}
