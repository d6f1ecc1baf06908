// PLACEHOLDER: replaced by the inbox screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>inbox</Title>;
}
