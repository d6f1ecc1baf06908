// PLACEHOLDER: replaced by the setup screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>setup</Title>;
}
