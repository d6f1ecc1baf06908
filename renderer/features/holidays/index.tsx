// PLACEHOLDER: replaced by the holidays screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>holidays</Title>;
}
