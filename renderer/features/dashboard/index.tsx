// PLACEHOLDER: replaced by the dashboard screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>dashboard</Title>;
}
