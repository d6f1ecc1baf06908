// PLACEHOLDER: replaced by the billing-methods screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>billing-methods</Title>;
}
