// "Detalhes": the server's reply or the system error behind a failure, hidden until asked for. The
// message above it is for the clerk; this is for whoever supports the office (and is kept out of
// the screen tests' check of clerk messages by data-technical).
import { Anchor, Code, Collapse, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

export function TechnicalDetails({ detail }: { detail: string | null | undefined }) {
  const [opened, { toggle }] = useDisclosure(false);
  if (!detail) return null;
  return (
    <Stack gap={4} mt={6} data-technical>
      <Anchor
        component="button"
        type="button"
        size="xs"
        onClick={toggle}
        aria-expanded={opened}
        style={{ alignSelf: 'flex-start' }}
      >
        {opened ? 'Ocultar detalhes' : 'Detalhes'}
      </Anchor>
      <Collapse expanded={opened} keepMounted={false}>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {detail}
        </Code>
      </Collapse>
    </Stack>
  );
}
