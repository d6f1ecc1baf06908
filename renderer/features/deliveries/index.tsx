// PLACEHOLDER: replaced by the deliveries screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>deliveries</Title>;
}
