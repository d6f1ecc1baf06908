// PLACEHOLDER: replaced by the layouts screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>layouts</Title>;
}
